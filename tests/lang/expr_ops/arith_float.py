# Float arithmetic, mixed int/float, and special values.
print(0.1 + 0.2, 1 / 3, 7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 2.0 ** 0.5)
print(1 + 2.0, 3 * 1.5, 10 / 4, 1e308 * 10, -1e308 * 10)
inf = float("inf")
print(inf - inf, inf * 0, inf > 1e308, float("nan") == float("nan"))
print(divmod(7.5, 2), divmod(-7.5, 2))
