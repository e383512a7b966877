# super() with no arguments and with explicit arguments, cooperative calls.
class A:
    def f(self): return ["A"]
class B(A):
    def f(self): return ["B"] + super().f()
class C(A):
    def f(self): return ["C"] + super().f()
class D(B, C):
    def f(self): return ["D"] + super().f()
print(D().f())
print(super(B, D()).f())
class E(A):
    @classmethod
    def cm(cls): return cls.__name__
class F(E):
    @classmethod
    def cm(cls): return "F+" + super().cm()
print(F.cm())
