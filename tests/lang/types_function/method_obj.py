# Bound method objects: __self__, __func__, equality, and calling.
class A:
    def m(self, x): return ("m", x)
a = A()
bm = a.m
print(type(bm).__name__, bm.__self__ is a, bm.__func__ is A.m, bm(1), A.m(a, 2), bm.__name__, bm.__qualname__)
print(a.m == a.m, a.m is a.m, A().m == a.m)
bm2 = type(bm)(lambda self: self * 2, 21)
print(bm2())
try:
    bm.attr = 1
except AttributeError as e:
    print(type(e).__name__, e)
