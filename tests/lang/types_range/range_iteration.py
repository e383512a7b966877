# range iteration with negative steps, huge bounds, and equality semantics.
print(list(range(-5, 5, 3)), list(range(5, -5, -3)), list(range(0)), list(range(1, 0)))
big = range(0, 10 ** 30, 10 ** 29)
print(big[5], 10 ** 29 * 3 in big, big.index(10 ** 29 * 7), big.count(1))
print(range(0, 6, 2) == range(0, 5, 2), range(1, 1) == range(2, 2), range(3)[::-1] == range(2, -1, -1))
