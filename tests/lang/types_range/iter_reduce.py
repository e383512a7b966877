# range_iterator and longrange_iterator: __reduce__ gives the range left, __setstate__ skips items.
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
def st(it, v):
    r = it.__setstate__(v)
    return r, list(it)
for mk in (lambda: iter(range(3)), lambda: reversed(range(3)), lambda: iter(range(10**20, 10**20 + 3))):
    print(type(mk()).__name__, mk().__length_hint__())
    for v in (-5, -1, 0, 1, 2, 3, 4, 10**30, True):
        t(lambda: st(mk(), v))
    t(lambda: mk().__setstate__("x"))
    t(lambda: mk().__setstate__(1.5))
    t(lambda: mk().__setstate__())
    print(mk().__reduce__())
    it = mk(); next(it); print(it.__reduce__(), it.__length_hint__())
    it = mk(); list(it); print(it.__reduce__(), st(it, 0))
it = iter(range(5)); next(it); it.__setstate__(2); print(list(it))
it = iter(range(5, 0, -2)); next(it); print(it.__reduce__(), it.__length_hint__())
it = iter(range(2**62, 2**63 - 1, 2**61)); print(type(it).__name__, it.__reduce__(), list(it), it.__reduce__())
it = iter(range(-2**63, 2**63 - 1, 2**62)); print(type(it).__name__, it.__reduce__(), list(it), it.__reduce__())
it = iter(range(0, 2**64, 2**62)); next(it); print(type(it).__name__, it.__reduce__()); it.__setstate__(2); print(list(it), it.__reduce__())
it = iter(range(0, 2**64, 2**62)); it.__setstate__(-5); print(it.__reduce__()); it.__setstate__(2**100); print(it.__reduce__(), list(it))
it = reversed(range(2**64)); next(it); print(type(it).__name__, it.__reduce__(), it.__length_hint__())
f, args, state = reversed(range(10, 0, -3)).__reduce__()
print(f(*args).__class__.__name__, list(f(*args)), state)
