# The generic iterator (iter over __getitem__) and callable_iterator: __reduce__, __setstate__ and exhaustion.
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
    def __repr__(self): return "Seq()"
s = Seq()
it = iter(s); print(type(it).__name__, it.__reduce__(), it.__length_hint__() if hasattr(it, "__length_hint__") else "-")
next(it); print(it.__reduce__())
t(lambda: it.__setstate__(-5)); print(list(it), it.__reduce__())
t(lambda: it.__setstate__(0)); print(list(it))
it = iter(s); t(lambda: it.__setstate__(2)); print(list(it))
it = iter(s); t(lambda: it.__setstate__(10)); print(list(it), it.__reduce__())
t(lambda: iter(s).__setstate__("x"))
t(lambda: iter(s).__setstate__(2**70))
t(lambda: iter(s).__setstate__())
n = [0]
def f():
    n[0] += 1
    return n[0]
ci = iter(f, 3)
print(type(ci).__name__, ci.__reduce__()[0], ci.__reduce__()[1][1], ci.__reduce__()[1][0] is f)
print(list(ci), ci.__reduce__())
t(lambda: ci.__setstate__)
t(lambda: ci.__length_hint__)
t(lambda: ci.__reduce__(1))
