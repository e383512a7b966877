# Operator precedence and associativity.
print(2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, -3 ** 2, 2 * 3 % 4, 10 - 4 - 3)
print(1 + 2 << 1, 1 | 2 ^ 3 & 4, not 1 == 2, 5 & 3 == 1)
print(1 if 0 else 2 if 0 else 3, (lambda: 1 or 2)(), not True or True)
print(100 // 7 * 7 + 100 % 7, -2 ** -1, 2 ** -1 * 4)
