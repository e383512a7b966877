# Exact comparisons of ints with floats, bools and complexes at the edges of float precision.
big = 2 ** 53
for a, b in ((big + 1, float(big)), (big, float(big)), (-big - 1, -float(big)), (10 ** 400, float('inf')), (-10 ** 400, float('-inf')),
             (10 ** 400, 1e308), (1, float('nan')), (0, -0.0), (2 ** 1024, float('inf')), (2 ** 63, 9.223372036854776e18), (3, 3.0000000000000004)):
    print(a == b, a != b, a < b, a <= b, a > b, a >= b, b == a, b < a, int.__eq__(a, b), float.__eq__(b, a), float.__lt__(b, a))
print(1 == 1 + 0j, 1 == 1 + 1e-300j, 2 ** 53 + 1 == complex(2 ** 53 + 1), True == 1 + 0j, int.__eq__(1, 1 + 0j), complex.__eq__(1 + 0j, True))
print(sorted([3, 2.5, True, -1, 2 ** 60, 1e20, False]), max(1, 1.0), max(1.0, 1), min(0, -0.0), min(-0.0, 0))
print({1: 'a', 1.0: 'b', True: 'c'}, {0, 0.0, False, 0j}, 2 ** 64 in {float(2 ** 64)}, hash(2 ** 64) == hash(float(2 ** 64)))
