# int's arithmetic slot wrappers, forward and reflected, with int, bool and foreign operands.
ops = ["__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__floordiv__", "__rfloordiv__",
       "__truediv__", "__rtruediv__", "__mod__", "__rmod__", "__divmod__", "__rdivmod__", "__pow__", "__rpow__",
       "__lshift__", "__rlshift__", "__rshift__", "__rrshift__", "__and__", "__rand__", "__or__", "__ror__",
       "__xor__", "__rxor__"]
for name in ops:
    m = getattr(int, name)
    big = m(2 ** 70, 5) if name not in ('__rpow__', '__rlshift__') else m(5, 2 ** 70)
    neg = m(2, -7) if name in ('__rlshift__', '__rrshift__') else m(-7, 2)
    row = [m(7, 3), neg, big, m(5, True), m(7, 2.0), m(7, 'x'), m(7, 1j), m(7, None)]
    print(name, row)
for name in ops:
    try:
        print(name, getattr(int, name)(7, 0))
    except ZeroDivisionError as e:
        print(name, type(e).__name__, e)
for name in ("__lshift__", "__rshift__", "__rlshift__", "__rrshift__", "__pow__", "__rpow__"):
    try:
        print(name, getattr(int, name)(3, -1))
    except ValueError as e:
        print(name, type(e).__name__, e)
print(int.__pow__(2, 10, 1000), int.__pow__(3, -1, 7), int.__pow__(2, 3, None), int.__rpow__(3, 2, 5), int.__pow__(2, 3, 2.0))
print(int.__neg__(5), int.__pos__(-5), int.__abs__(-5), int.__invert__(5), int.__neg__(-2 ** 63), int.__abs__(-2 ** 64))
print(int.__add__(True, True), type(int.__add__(True, False)).__name__, int.__mul__(3, [1]), (3).__rmul__('ab'))
for f in (lambda: int.__add__('x', 1), lambda: int.__add__(1), lambda: int.__add__(1, 2, 3), lambda: int.__neg__(1.5),
          lambda: int.__pow__(2, 3, 4, 5), lambda: int.__pow__(2, 3, 0), lambda: int.__pow__(2, -1, 4),
          lambda: int.__rpow__(2, 3, 0), lambda: int.__pow__(2, 3, 'm'), lambda: int.__lshift__(1, 2 ** 100),
          lambda: int.__invert__(), lambda: int.__truediv__(10 ** 400, 1), lambda: int.__pow__(0, -1)):
    try:
        print(f())
    except (TypeError, ValueError, ZeroDivisionError, OverflowError, MemoryError) as e:
        print(type(e).__name__, e)
