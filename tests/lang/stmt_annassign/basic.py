# Annotated assignments at module level store in __annotations__ (lazily in 3.14).
x: int = 5
y: str
z: "list[int]" = []
print(x, z)
try:
    print(y)
except NameError as e:
    print(type(e).__name__, e)
class C:
    a: int = 1
    b: float
print(C.a, hasattr(C, "b"))
print(C.__annotations__)
