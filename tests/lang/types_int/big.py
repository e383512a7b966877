# Arbitrary precision arithmetic on large ints.
a = 2 ** 200 + 12345
b = 3 ** 100 - 7
print(a + b, a - b, a * b)
print(a // b, a % b, divmod(-a, b), pow(a, 3, 10 ** 9 + 7), pow(3, -1, 7))
print(-a // 7, -a % 7, a >> 190, a & (2 ** 64 - 1), abs(-a) == a)
print(str(10 ** 50), len(str(7 ** 500)), hex(2 ** 70), oct(-(2 ** 40)), bin(2 ** 20 + 1))
