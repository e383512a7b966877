# dict iterators (forward and reverse, keys/values/items): __reduce__ lists the items left, __length_hint__.
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
d = {1: "a", 2: "b", 3: "c"}
for mk in (lambda: iter(d), lambda: iter(d.values()), lambda: iter(d.items()), lambda: reversed(d), lambda: reversed(d.values()), lambda: reversed(d.items())):
    it = mk(); print(type(it).__name__, it.__reduce__(), it.__length_hint__())
    next(it); t(lambda: it.__reduce__()); print(it.__length_hint__(), list(it), it.__reduce__())
    it = mk(); list(it); t(lambda: it.__reduce__())
    t(lambda: it.__reduce__(1))
    t(lambda: it.__setstate__)
e = {1: 2}; it = iter(e); e[5] = 6; t(lambda: it.__reduce__()); t(lambda: next(it)); t(lambda: it.__reduce__()); t(lambda: it.__length_hint__())
e = {1: 2}; it = reversed(e); e[5] = 6; t(lambda: it.__reduce__()); t(lambda: next(it)); t(lambda: it.__reduce__()); t(lambda: next(it))
e = {1: 2}; it = reversed(e); e[5] = 6; del e[5]; t(lambda: list(it))
e = {1: 2}; it = reversed(e); e[5] = 6; t(lambda: next(it)); del e[5]; t(lambda: next(it))
e = {1: 2, 3: 4}; it = iter(e); next(it); e.pop(3); e[7] = 8; t(lambda: it.__reduce__()); t(lambda: list(it))
e = {1: 2}; it = iter(e); print(it.__length_hint__()); next(it); print(it.__length_hint__()); e[3] = 4; print(it.__length_hint__())
f, args = iter({"k": 1, "j": 2}.items()).__reduce__()
print(list(f(*args)))
