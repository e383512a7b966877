# __iadd__ is preferred, falling back to __add__; NotImplemented from __iadd__ falls back too.
class A:
    def __init__(self, v): self.v = v
    def __add__(self, o):
        print("add"); return A(self.v + o)
class B(A):
    def __iadd__(self, o):
        print("iadd"); self.v += o; return self
class C(A):
    def __iadd__(self, o):
        print("iadd NI"); return NotImplemented
for cls in (A, B, C):
    x = cls(1)
    y = x
    x += 2
    print(cls.__name__, x.v, x is y)
