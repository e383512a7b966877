# int interacting with bool, float, complex; pow with modulus; round.
print(5 + True, 5 * 2.0, 5 / 2, 2 ** 0.5, 5 + 1j, pow(2, 10), pow(2, 10, 1000), pow(-2, 3, 5))
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-15, -1), round(5), round(7, 2))
try:
    pow(2, 3, 0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    pow(2, -1, 4)
except ValueError as e:
    print(type(e).__name__, e)
try:
    pow(2.0, 3, 5)
except TypeError as e:
    print(type(e).__name__, e)
