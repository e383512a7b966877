# Float comparisons with nan, inf, and huge ints.
nan, inf = float("nan"), float("inf")
print(nan == nan, nan != nan, nan < 1, inf == inf, -inf < -1e308, inf > 10 ** 400)
print(2 ** 53 + 1 == float(2 ** 53 + 1), 2 ** 53 == float(2 ** 53), 0.1 + 0.2 == 0.3, 1e16 + 1 == 1e16)
print(hash(1.0) == hash(1), hash(0.5), hash(-1.0), hash(inf), sorted([3.5, -inf, 2, inf, -1]))
