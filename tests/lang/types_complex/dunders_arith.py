# complex's arithmetic slot wrappers, forward and reflected, with complex, float, int, bool and foreign operands.
ops = ["__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__", "__rtruediv__", "__pow__", "__rpow__"]
z = complex(1, 2)
for name in ops:
    m = getattr(complex, name)
    print(name, [m(z, 1 - 1j), m(z, 2), m(z, 0.5), m(z, True), m(z, 'x'), m(z, None), m(z, [1]), m(z, 2 ** 70) if 'pow' not in name else 0])
for name in ops:
    try:
        print(name, getattr(complex, name)(z, 0))
    except ZeroDivisionError as e:
        print(name, type(e).__name__, e)
    try:
        print(name, getattr(complex, name)(0j, 0j))
    except ZeroDivisionError as e:
        print(name, type(e).__name__, e)
print(complex.__neg__(z), complex.__pos__(-z), complex.__abs__(complex(3, -4)), complex.__abs__(complex(float('inf'), float('nan'))), complex.__neg__(0j))
print(complex.__pow__(z, 0), complex.__pow__(z, 3), complex.__pow__(z, -2), complex.__pow__(1j, 0.5), complex.__pow__(0j, 2), complex.__rpow__(z, 2))
print(complex.__truediv__(complex(1e300, 1e300), complex(1e300, 1e300)), complex.__mul__(complex(1e200, 1), 1e200), z.__rsub__(5), z.__rtruediv__(1))
print(complex.__pow__(z, 2, None), complex.__rpow__(z, 2, None), complex.__add__(z, 1.5j), (2j).__radd__(1.5))
for f in (lambda: complex.__add__(1, z), lambda: complex.__add__(z), lambda: complex.__add__(z, 1, 2), lambda: complex.__neg__(1.0),
          lambda: complex.__pow__(z, 2, 3), lambda: complex.__rpow__(z, 2, 3), lambda: complex.__pow__(z, 2, 3, 4),
          lambda: complex.__pow__(0j, -1), lambda: complex.__pow__(0j, 1j), lambda: complex.__pow__(complex(1e300, 1e300), 2),
          lambda: complex.__abs__(complex(1e308, 1e308)), lambda: complex.__pow__(z, 10 ** 400), lambda: complex.__abs__(),
          lambda: z // 2, lambda: z % 2, lambda: divmod(z, 2), lambda: 2 // z, lambda: z < 1, lambda: 1 >= z):
    try:
        print(f())
    except (TypeError, ValueError, ZeroDivisionError, OverflowError) as e:
        print(type(e).__name__, e)
