# Single and multiple inheritance, method resolution order.
class A:
    def who(self): return "A"
    def hello(self): return "hello from " + self.who()
class B(A):
    def who(self): return "B"
class C(A):
    def who(self): return "C"
class D(B, C):
    pass
print(D().hello(), [k.__name__ for k in D.__mro__])
print(issubclass(D, A), isinstance(D(), C), D.__bases__ == (B, C))
try:
    class E(A, B): pass
except TypeError as e:
    print(type(e).__name__, e)
