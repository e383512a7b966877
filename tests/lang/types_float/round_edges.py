# round() of floats: ties to even, huge and negative ndigits, signed zeros, subnormals, result types.
for x in (0.5, 1.5, 2.5, -0.5, -1.5, 0.125, 0.375, 2.675, 1e16 + 2, 1e300, 5e-324, -0.0, 123.456):
    print(repr(x), round(x), [round(x, d) for d in (-300, -2, -1, 0, 1, 2, 3, 320, 400)])
print(round(1.25, 1), round(1.35, 1), round(-1.25, 1), round(0.285, 2), round(1e22, -22), round(5e-324, 323), round(5e-324, 324))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__, round(-0.4), round(-0.4, 0), round(0.4, 0), round(1e-320, 10 ** 20), round(1e300, -10 ** 20))
class F(float):
    pass
print(round(F(2.5)), type(round(F(2.5), 1)).__name__, round(2.5, True), round(float('inf'), -2), round(float('-inf'), 5), round(float('nan'), 0))
for f in (lambda: round(1e300), lambda: round(float('inf')), lambda: round(float('nan')), lambda: round(2.5, 1.0), lambda: round(2.5, '1')):
    try:
        print(f())
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
