# Integer arithmetic operators including floor division and modulo signs.
for a, b in ((7, 2), (-7, 2), (7, -2), (-7, -2)):
    print(a, b, a + b, a - b, a * b, a / b, a // b, a % b, a ** 2, divmod(a, b))
print(2 ** 100, 2 ** -1, (-2) ** 3, -2 ** 2, 10 ** 0)
