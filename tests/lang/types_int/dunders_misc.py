# int's conversion, rounding, format, repr and pickling-support dunders called explicitly.
print(int.__bool__(0), int.__bool__(-3), (5).__index__(), (5).__int__(), (5).__float__(), (2 ** 80).__float__(), int.__repr__(-12))
print((7).__round__(), (1234).__round__(-2), (1250).__round__(-2), (1350).__round__(-2), (-15).__round__(-1), (15).__round__(1), (5).__round__(None))
print((7).__trunc__(), (-7).__floor__(), (7).__ceil__(), type(True.__trunc__()).__name__, (2 ** 70).__round__(-20))
print((5).__getnewargs__(), (-2 ** 70).__getnewargs__(), True.__getnewargs__())
print(repr((255).__format__('')), repr((255).__format__('x')), repr((255).__format__('>8b')), repr((-3).__format__('+05')))
print((1234567).__format__(','), (1234567).__format__('_x'), (65).__format__('c'), (3).__format__('.2f'), (10).__format__('%'))
print((5).__sizeof__() > 0, type((10 ** 100).__sizeof__()).__name__, (10 ** 100).__sizeof__() > (5).__sizeof__())
for f in (lambda: (3).__round__('x'), lambda: (3).__round__(1.5), lambda: (3).__round__(1, 2), lambda: (3).__format__(5),
          lambda: (3).__format__('s'), lambda: (3).__format__(), lambda: int.__index__('x'), lambda: int.__float__(10 ** 400),
          lambda: (3).__getnewargs__(1), lambda: (300).__format__(',c'), lambda: (2 ** 40).__format__('c'),
          lambda: (3).__format__('z'), lambda: (3).__format__('#c'), lambda: (3).__format__('+c'), lambda: (3).__format__('.2d'),
          lambda: (3).__format__('=s'), lambda: int.__trunc__(1.5), lambda: int.__sizeof__(1, 2)):
    try:
        print(repr(f()))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
