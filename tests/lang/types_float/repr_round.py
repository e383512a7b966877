# Shortest float repr, round() half-even, and rounding to digits.
for x in (0.1, 1 / 3, 2 / 3, 1e16, 1e-5, 123456789.0, 1e22, 1.0, -0.0, 5e-324, 1.7976931348623157e308):
    print(repr(x), str(x))
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(2.675, 2), round(1.25, 1), round(1234.5678, -2), type(round(1.5)).__name__)
for bad in (float("inf"), float("nan")):
    try:
        round(bad)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
