# pow() two- and three-argument forms, negative exponents, modular inverse, errors.
print(pow(2, 10), pow(2, -2), pow(-8, 1 / 3) if False else pow(4, 0.5), pow(3, 4, 5), pow(38, -1, 97), pow(2, 0, 1), pow(0, 0))
print(pow(base=2, exp=5), pow(2, 5, mod=3), pow(-1, 0.5))
for args in ((2, 3, 0), (2, -1, 4), ("a", 2), (2.5, 2, 3)):
    try:
        pow(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
