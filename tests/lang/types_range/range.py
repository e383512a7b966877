# range objects: len, indexing, slicing, containment, index/count, reversed, equality, repr.
r = range(2, 20, 3)
print(r, list(r), len(r), r[0], r[-1], r[1:3], r[::-1], 8 in r, 9 in r, r.index(11), r.count(5))
print(range(5), range(0), list(range(5, 0, -2)), range(0, 3) == range(3), range(0) == range(5, 1), list(reversed(range(4))))
print(r.start, r.stop, r.step, range(10 ** 20)[-1], hash(range(3)) == hash(range(0, 3, 1)))
for f in (lambda: range(1, 2, 0), lambda: r[100], lambda: r.index(4), lambda: range(1.5), lambda: range(), lambda: len(range(10 ** 20))):
    try:
        f()
    except (ValueError, IndexError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
