# Exact comparisons between ints and floats at large magnitudes.
big = 2 ** 63
print(big == float(big), big + 1 == float(big), big + 1 > float(big), float(big) < big + 1)
print(10 ** 400 > float("inf"), -(10 ** 400) < float("-inf"), 10 ** 400 < float("inf"))
print(0.5 < 1, 1 < 1.5, -0.0 == 0, 1 == 1.0000000000000002)
