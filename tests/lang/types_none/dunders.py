# Every dunder of NoneType, NotImplementedType and ellipsis called explicitly.
N = type(None)
NI = type(NotImplemented)
E = type(...)
print(None.__bool__(), None.__repr__(), N.__repr__(None), None.__hash__() == hash(None))
print(None.__lt__(None), None.__le__(None), None.__gt__(None), None.__ge__(None), None.__eq__(0), None.__ne__(0))
print(N.__new__(N) is None, NI.__new__(NI) is NotImplemented, E.__new__(E) is Ellipsis)
print(NotImplemented.__repr__(), NotImplemented.__reduce__(), NI.__repr__(NotImplemented))
print(Ellipsis.__repr__(), Ellipsis.__reduce__(), E.__repr__(...), repr(E), repr(NI), repr(N))
try:
    print(NotImplemented.__bool__())
except TypeError as e:
    print(type(e).__name__, e)
for f in (lambda: N.__new__(N, 1), lambda: N.__new__(N, x=1), lambda: NI.__new__(NI, 1),
          lambda: NI(x=1), lambda: E.__new__(E, 1), lambda: E(a=2), lambda: N.__new__(int),
          lambda: None < None, lambda: None >= 1, lambda: N.__repr__(1), lambda: N.__bool__(0),
          lambda: NI.__reduce__(1), lambda: E.__repr__(None), lambda: N.__new__(),
          lambda: None.__bool__(1), lambda: Ellipsis.__reduce__(1)):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
print(format(None), format(None, ""), format(..., ""), str(NotImplemented), None.__str__())
try:
    format(None, ">5")
except TypeError as e:
    print(type(e).__name__, e)
print(None.__sizeof__() > 0, ....__sizeof__() > 0, type(None.__class__).__name__)
