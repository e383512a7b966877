# Nested list comparison, equality with recursion, and list identity operations.
a = [1, [2, 3], "x"]
b = [1, [2, 3], "x"]
print(a == b, a is b, a[1] is b[1], a < [1, [2, 4]], [[]] < [[0]], [1, 2] != [1, 2.0])
a.append(a)
print(len(a), a[-1] is a, repr(a))
