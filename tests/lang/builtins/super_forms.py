# super() two-argument forms, unbound super, and errors.
class A:
    def f(self): return "A.f"
    @classmethod
    def c(cls): return "A.c " + cls.__name__
class B(A):
    def f(self): return "B.f>" + super().f()
b = B()
print(super(B, b).f(), super(B, B).c(), B.f(b), type(super(B, b)).__name__)
print(super(B, b).__self__ is b, super(B, b).__thisclass__.__name__, super(B, b).__self_class__.__name__)
try:
    super(B, 5)
except TypeError as e:
    print(type(e).__name__, e)
def no_class():
    return super()
try:
    no_class()
except RuntimeError as e:
    print(type(e).__name__, e)
