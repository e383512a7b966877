# Function annotations are available through __annotations__.
def f(a: int, b: "str" = "x", *args: float, c: list, **kw: dict) -> bool:
    return True
for k, v in f.__annotations__.items():
    print(k, v if isinstance(v, str) else v.__name__)
def g(): pass
print(g.__annotations__)
