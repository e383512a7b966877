# Code object dunders: __replace__, equality and hashing, ordering NotImplemented, __new__ errors, repr.
def f(a, b=1):
    return a + b
def g(a, b=1):
    return a + b
c = f.__code__
print(c == g.__code__, c != g.__code__, c.__eq__(c), c.__eq__(1), c.__ne__(1), hash(c) == hash(c))
r = c.__replace__(co_name="h")
print(r.co_name, r.co_qualname, r == c, c.__replace__() == c, c.__replace__() is c)
r2 = c.__replace__(co_consts=c.co_consts + (99,))
print(r2 == c, r2.co_consts[-1])
for name in ("__lt__", "__le__", "__gt__", "__ge__"):
    print(name, getattr(c, name)(c))
try:
    c < c
except TypeError as e:
    print(type(e).__name__, e)
print(repr(c).startswith("<code object f at 0x"), repr(c).split(", ")[1].startswith("file "), repr(c).endswith(", line 2>"))
print(type(c.__sizeof__()).__name__, c.__sizeof__() > 0)
for bad in (lambda: c.__replace__(1), lambda: c.__replace__(co_name=1), lambda: c.__replace__(bogus=1),
            lambda: c.replace(co_argcount="x"), lambda: type(c)(), lambda: type(c).__new__(type(c))):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
