# classmethod and staticmethod objects: __func__, __wrapped__, callability, descriptor binding.
def f(*a): return a
cm = classmethod(f)
sm = staticmethod(f)
print(cm.__func__ is f, sm.__func__ is f, sm.__wrapped__ is f, callable(sm), sm(1, 2))
class K:
    c = cm
    s = sm
print(K.c(1)[0] is K, K.s(1), K().c()[0] is K, type(K.__dict__["c"]).__name__)
bound = cm.__get__(None, K)
print(type(bound).__name__, bound.__self__ is K)
