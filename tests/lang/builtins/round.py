# round() with ndigits on ints, floats and custom __round__.
print(round(2.5), round(3.5), round(-2.5), round(2.567, 2), round(2.5, 0), round(-1.5), round(1e20), round(123.456, -1))
print(round(15, -1), round(25, -1), round(-25, -1), round(2 ** 70 + 5, -1) - 2 ** 70, round(1.5, None), type(round(2.5, 0)).__name__)
class R:
    def __round__(self, n=None): return f"round {n}"
print(round(R()), round(R(), 3))
for args in (("1.5",), (1.5, "x"), (1.5, 1.0)):
    try:
        round(*args)
    except TypeError as e:
        print(type(e).__name__, e)
