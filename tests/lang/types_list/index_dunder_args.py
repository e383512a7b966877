# Objects with __index__ (normal, huge, returning a non-int, raising) as list/tuple/range indices, slice bounds and method arguments.
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
class I:
    def __init__(self, v): self.v = v
    def __index__(self): return self.v
class BadI:
    def __index__(self): return "x"
class RaiseI:
    def __index__(self): raise KeyError("idx")
a = [10, 20, 30, 40]
for k in (I(1), I(-1), I(2**70), BadI(), RaiseI()):
    t(lambda: a[k])
    t(lambda: (1, 2)[k])
    t(lambda: range(5)[k])
    t(lambda: a[k:])
    t(lambda: (1, 2, 3)[:k])
    t(lambda: range(5)[::k])
    t(lambda: a.index(20, k))
    t(lambda: (1, 2).index(2, 0, k))
    t(lambda: a.pop(k) if False else a.copy().pop(k))
    t(lambda: a.copy().insert(k, 0))
    t(lambda: a * k)
    t(lambda: (1,) * k)
    t(lambda: slice(k).indices(5))
    t(lambda: slice(0, 5).indices(k))
    t(lambda: range(k))
    t(lambda: list(range(0, 10, k)))
    def sa(): b = a.copy(); b[k] = 0; return b
    t(sa)
    def da(): b = a.copy(); del b[k]; return b
    t(da)
