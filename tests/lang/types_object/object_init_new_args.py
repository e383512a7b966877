# object.__new__ / __init__ argument checks depending on overrides.
class A: pass
class B:
    def __init__(self, x): self.x = x
class C:
    def __new__(cls, *a): return super().__new__(cls)
print(B(1).x, type(C(1, 2)).__name__)
try:
    A(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    object.__new__(A, 1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    object.__new__(int)
except TypeError as e:
    print(type(e).__name__, e)
