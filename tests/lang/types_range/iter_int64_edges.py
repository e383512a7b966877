# range iterators near the int64 limits: which iterator type CPython picks, and the items and __reduce__ of both.
M = 2**63
for a in ((0,), (M - 1,), (M,), (-M, 0), (-M - 1, 0), (0, M - 1, 2), (0, M - 2, 2), (0, M - 1, M - 1), (5, -M, -1), (5, -M + 1, -2), (M - 1, 0, -1), (-M, 5), (-M + 1, 5), (0, 5, -M), (0, -5, -M), (0, 10, M - 1), (-M, M - 1, M - 1), (M - 2, M - 1), (3, 3), (M, M), (-M, -M), (-M, -M, 1), (0, 0, -M)):
    r = range(*a)
    print(a, type(iter(r)).__name__, type(reversed(r)).__name__)
for a in ((5, -M + 1, -(M // 4)), (0, M - 1, M - 1), (-M, M - 1, M - 1), (M - 1, -M, -M + 1), (M - 1, -M, -(M // 2)), (-M, M - 1, M // 2 + 1)):
    r = range(*a)
    print(list(r), list(reversed(r)), iter(r).__reduce__(), reversed(r).__reduce__())
