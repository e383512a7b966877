# list_iterator and list_reverseiterator: __reduce__, __setstate__ clamping, exhaustion, __length_hint__.
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
def st(it, v):
    r = it.__setstate__(v)
    return r, list(it)
for mk in (lambda: iter([1, 2, 3]), lambda: reversed([1, 2, 3])):
    print(type(mk()).__name__, mk().__length_hint__())
    for v in (-5, -1, 0, 1, 2, 3, 4, 10**30, True):
        t(lambda: st(mk(), v))
    t(lambda: mk().__setstate__("x"))
    t(lambda: mk().__setstate__(1.5))
    t(lambda: mk().__setstate__())
    t(lambda: mk().__reduce__(1))
    print(mk().__reduce__())
    it = mk(); next(it); print(it.__reduce__(), it.__length_hint__())
    it = mk(); list(it); print(it.__reduce__(), it.__length_hint__(), st(it, 0))
it = iter([1, 2]); it.__setstate__(-1); print(it.__reduce__(), next(it, "end")); it.__setstate__(0); print(list(it), it.__reduce__())
it = reversed([1, 2]); it.__setstate__(-1); print(it.__reduce__(), next(it, "end")); it.__setstate__(0); print(list(it), it.__reduce__())
it = iter([1, 2]); next(it); next(it); print(it.__reduce__()); it.__setstate__(0); print(list(it), it.__reduce__())
it = reversed([1, 2]); next(it); next(it); print(it.__reduce__()); it.__setstate__(1); print(list(it), it.__reduce__())
it = iter([1, 2]); it.__setstate__(5); print(next(it, "end")); it.__setstate__(0); print(list(it))
a = [1, 2, 3]; it = iter(a); next(it); a.clear(); print(it.__reduce__(), it.__length_hint__()); a.extend([7, 8, 9]); print(list(it))
a = [1, 2, 3]; it = reversed(a); a.append(4); print(it.__reduce__(), it.__length_hint__(), list(it))
a = [1, 2, 3]; it = reversed(a); a.clear(); print(it.__reduce__(), it.__length_hint__(), list(it), it.__reduce__())
f, args, state = iter("xyz" and [5, 6, 7]).__reduce__()
it2 = f(*args); it2.__setstate__(state); print(list(it2))
