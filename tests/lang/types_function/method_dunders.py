# Bound method dunders: equality, hash, __reduce__, __get__, __call__, __getattribute__, __new__, repr.
class A:
    def m(self):
        return "m"
    def __repr__(self):
        return "A()"
    def __eq__(self, other):
        return True
    __hash__ = object.__hash__
a = A()
b = A()
bm = a.m
print(bm == a.m, bm != a.m, bm == b.m, a.m.__eq__(a.m), a.m.__ne__(b.m), bm.__eq__(1))
print(hash(bm) == hash(a.m), bm.__hash__() == hash(a.m))
for name in ("__lt__", "__le__", "__gt__", "__ge__"):
    print(name, getattr(bm, name)(a.m))
try:
    bm < a.m
except TypeError as e:
    print(type(e).__name__, e)
r = bm.__reduce__()
print(r[0].__name__, r[1][0], r[1][1])
print(bm.__get__(b) is bm, bm.__get__(None, A) is bm, bm.__call__(), bm.__getattribute__("__name__"))
print(repr(bm), repr(A.m).split(" at ")[0])
M = type(bm)
m2 = M.__new__(M, len, "abc")
print(m2(), m2.__func__ is len, m2.__self__)
print(bm.__doc__, bm.__module__, bm.__defaults__, type(bm.__code__).__name__)
for bad in (lambda: M(len), lambda: M(1, 2), lambda: M(len, None), lambda: M(len, 1, 2),
            lambda: bm.__getattribute__("nope"), lambda: bm.__getattribute__(1), lambda: M(len, 1, x=2)):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
class Un:
    def m(self):
        pass
    __hash__ = None
try:
    hash(Un().m)
except TypeError as e:
    print(type(e).__name__, e)
