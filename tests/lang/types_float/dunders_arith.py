# float's arithmetic slot wrappers, forward and reflected, with float, int, bool and foreign operands.
ops = ["__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__floordiv__", "__rfloordiv__",
       "__truediv__", "__rtruediv__", "__mod__", "__rmod__", "__divmod__", "__rdivmod__", "__pow__", "__rpow__"]
for name in ops:
    m = getattr(float, name)
    print(name, [m(7.5, 2.0), m(-7.5, 2), m(7.5, True), m(0.25, 10), m(-0.5, 3), m(7.5, 'x'), m(7.5, 1j), m(7.5, None), m(2.5, 2 ** 70) if "pow" not in name else m(1.0, 2 ** 70)])
for name in ops:
    try:
        print(name, getattr(float, name)(7.5, 0))
    except ZeroDivisionError as e:
        print(name, type(e).__name__, e)
    try:
        print(name, getattr(float, name)(0.0, 0.0))
    except ZeroDivisionError as e:
        print(name, type(e).__name__, e)
print(float.__mod__(-7.5, 2.0), float.__mod__(7.5, -2.0), float.__mod__(-0.0, 1.0), float.__mod__(0.0, -1.0), float.__floordiv__(-7.5, 2.0))
print(float.__pow__(2.0, 0.5), float.__pow__(-8.0, 1 / 3), float.__pow__(0.0, 0), float.__pow__(float('nan'), 0), float.__pow__(1.0, float('nan')))
print(float.__pow__(-2.0, 3), float.__pow__(2.0, -1), float.__rpow__(2.0, 3), float.__pow__(float('inf'), -1), float.__pow__(-0.0, -1.5) if False else 0)
print(float.__neg__(0.0), float.__pos__(-1.5), float.__abs__(-0.0), float.__abs__(float('-inf')), float.__neg__(float('nan')))
print(float.__add__(1e308, 1e308), float.__mul__(1e200, 1e200), float.__sub__(float('inf'), float('inf')))
for f in (lambda: float.__add__('x', 1.0), lambda: float.__add__(1.0), lambda: float.__add__(1.0, 2, 3), lambda: float.__neg__(1),
          lambda: float.__pow__(2.0, 3, 4), lambda: float.__pow__(2.0, 3, None), lambda: float.__pow__(2.0, 3, 4, 5),
          lambda: float.__pow__(10.0, 400), lambda: float.__pow__(-8.0, 0.5), lambda: float.__pow__(0.0, -1),
          lambda: float.__rpow__(0.0, 0.0, None), lambda: float.__rpow__(-1.0, 2.0, 3), lambda: float.__pow__(1e300, 2.0),
          lambda: float.__divmod__(1e308, 1e-308), lambda: float.__abs__()):
    try:
        print(f())
    except (TypeError, ValueError, ZeroDivisionError, OverflowError) as e:
        print(type(e).__name__, e)
