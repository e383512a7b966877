# set_iterator: __reduce__ lists the items left without moving the iterator; size changes raise.
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
for mk in (lambda: iter({1, 2, 3}), lambda: iter(frozenset({4, 5}))):
    it = mk(); print(type(it).__name__, it.__reduce__(), it.__length_hint__())
    next(it); t(lambda: it.__reduce__()); print(it.__length_hint__(), list(it), it.__reduce__())
    it = mk(); list(it); t(lambda: it.__reduce__())
    t(lambda: it.__reduce__(1))
    t(lambda: it.__setstate__)
s = {1}; it = iter(s); s.add(5); t(lambda: it.__reduce__()); t(lambda: next(it)); t(lambda: it.__reduce__()); t(lambda: next(it))
s = {1, 2}; it = iter(s); s.discard(1); s.add(3); t(lambda: it.__reduce__()); t(lambda: list(it))
f, args = iter({10, 20}).__reduce__()
print(sorted(f(*args)), type(f(*args)).__name__)
