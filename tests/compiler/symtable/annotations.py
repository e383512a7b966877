# PEP 649/749 annotation scopes.
x: int
y: "str" = "a"
z: list[int] = []
obj = type("O", (), {})()
obj.attr: int = 3
(paren): int = 4

if x:
    cond: float

def f(a: int, b: "B" = None, *args: tuple, c: bytes, **kw: dict) -> float:
    local: SomeType = 1
    other: [t for t in range(3)]
    return a

def no_annotations(p, q):
    return p

class C:
    field: int
    other: float = 1.0
    for i in range(2):
        looped: int
    def method(self, v: C) -> C:
        return v
    inner = lambda self: field
