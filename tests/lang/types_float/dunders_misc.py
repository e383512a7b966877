# float's comparison, hash, conversion, rounding, format and pickling-support dunders called explicitly.
for name in ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"):
    m = getattr(float, name)
    print(name, m(1.5, 1.5), m(1.5, 2), m(2.0, 1), m(1.0, True), m(1.5, 'x'), m(1.5, None), m(1.0, 1j), m(float('nan'), float('nan')), m(1e20, 10 ** 20), m(2.0 ** 60, 2 ** 60 + 1))
print(float.__hash__(1.0), float.__hash__(-1.0), float.__hash__(0.5), float.__hash__(float('inf')), float.__hash__(float('-inf')), float.__hash__(-0.0))
print(float.__hash__(1e100) == hash(int(1e100)), (2.5).__hash__(), float.__hash__(1e-300) == hash(1e-300))
print(float.__bool__(0.0), float.__bool__(-0.0), float.__bool__(float('nan')), (2.5).__float__(), type(float.__float__(2.5)).__name__)
print((2.7).__int__(), (-2.7).__int__(), (1e20).__int__(), (2.7).__trunc__(), (-2.7).__trunc__(), (2.1).__ceil__(), (-2.1).__ceil__(), (2.9).__floor__(), (-2.1).__floor__())
print((2.5).__round__(), (3.5).__round__(), (2.675).__round__(2), (1234.5).__round__(-2), (1.5).__round__(None), (0.5).__round__(0), type((0.5).__round__(0)).__name__)
print((1e300).__round__(-400), (1e-300).__round__(400), float('inf').__round__(2), float('nan').__round__(1), (-0.4).__round__(), (-0.4).__round__(0))
print((2.5).__getnewargs__(), float('inf').__getnewargs__(), float.__repr__(0.1), float.__repr__(1e22), float.__repr__(-0.0))
print(repr((3.14159).__format__('')), repr((3.14159).__format__('.2f')), repr((3.0).__format__('>8')), repr((1e22).__format__('')), repr((0.5).__format__('%')))
print((2.5).__sizeof__() > 0, type((2.5).__sizeof__()).__name__)
for f in (lambda: float('inf').__int__(), lambda: float('nan').__trunc__(), lambda: float('inf').__floor__(), lambda: float('nan').__ceil__(),
          lambda: float('inf').__round__(), lambda: float('nan').__round__(), lambda: (2.5).__round__('x'), lambda: (2.5).__round__(1.0),
          lambda: (2.5).__round__(1, 2), lambda: (2.5).__format__(1), lambda: (2.5).__format__('d'), lambda: (2.5).__format__('c'),
          lambda: (2.5).__format__(',_f'), lambda: (2.5).__format__('=s'), lambda: float.__eq__(1, 1.0), lambda: float.__hash__(1),
          lambda: (2.5).__getnewargs__(1), lambda: float.__int__(), lambda: (2.5).__format__('#'), lambda: (1e300).__round__(-2 ** 70)):
    try:
        print(repr(f()))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
