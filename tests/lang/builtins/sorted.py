# sorted() with key, reverse, stability, and errors.
print(sorted([3, 1, 2]), sorted("cba"), sorted({3: 1, 1: 2}), sorted([3, 1, 2], reverse=True), sorted([], key=len))
print(sorted(["bb", "a", "ccc", "dd"], key=len), sorted([(1, "b"), (1, "a"), (0, "z")]), sorted([1.5, 1, True, 0]))
for f in (lambda: sorted([1, "a"]), lambda: sorted(5), lambda: sorted([1], [2]), lambda: sorted([1], cmp=None)):
    try:
        f()
    except TypeError as e:
        print(type(e).__name__, e)
