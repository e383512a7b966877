# type.__bases__ assignment: MRO and slot updates for the class and its subclasses, and the errors.
class A:
    def f(self): return "A.f"
    def __repr__(self): return "A()"
class B:
    def f(self): return "B.f"
    def __repr__(self): return "B()"
    def __len__(self): return 3
class C(A):
    pass
class D(C):
    pass
d = D()
print(d.f(), repr(d), [k.__name__ for k in D.__mro__])
C.__bases__ = (B,)
print(d.f(), repr(d), len(d), [k.__name__ for k in D.__mro__], C.__base__.__name__, A.__subclasses__(), [k.__name__ for k in B.__subclasses__()])
C.__bases__ = (A, B)
print(d.f(), [k.__name__ for k in D.__mro__])
for bad in [(), 5, (1,), (D,), (C,), (int,), (A, A)]:
    try:
        C.__bases__ = bad
    except TypeError as e:
        print(type(e).__name__, e)
class X: pass
class Y(X): pass
try:
    X.__bases__ = (Y,)
except TypeError as e: print(type(e).__name__, e)
try:
    del C.__bases__
except TypeError as e: print(type(e).__name__, e)
try:
    int.__bases__ = (object,)
except TypeError as e: print(type(e).__name__, e)
class S:
    __slots__ = ("a",)
try:
    C.__bases__ = (S,)
except TypeError as e: print(type(e).__name__, e)
class E(object): pass
try:
    E.__bases__ = (A,)
except TypeError as e: print(type(e).__name__, e)
class F(A): pass
F.__bases__ = (B,)
print(F().f(), len(F()))
class Z(list): pass
try:
    Z.__bases__ = (A,)
except TypeError as e: print(type(e).__name__, e)
