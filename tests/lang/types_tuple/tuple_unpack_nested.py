# Tuples: packing, nested unpacking, singletons and comparison with lists.
t = 1, 2, 3
(a, b), c = (1, 2), 3
print(t, a, b, c, type(()).__name__, (1,) != [1], tuple([1]) == (1,), ((),) != ())
point = (3, 4)
x, y = point
print(x * y, max(point), point.__add__((5,)), point.__getitem__(-1))
