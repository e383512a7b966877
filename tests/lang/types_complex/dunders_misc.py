# complex's comparison, hash, bool, conversion, format and pickling-support dunders called explicitly.
z = complex(1, 2)
for name in ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"):
    m = getattr(complex, name)
    print(name, m(z, z), m(z, 1 + 2j), m(z, 1), m(1 + 0j, 1), m(1 + 0j, 1.0), m(1 + 0j, True), m(z, 'x'), m(z, None), m(complex(2 ** 53), 2 ** 53 + 1))
print(complex.__hash__(1 + 0j), complex.__hash__(0j), complex.__hash__(1j), complex.__hash__(-1 + 0j), complex.__hash__(complex(0.5, 1)), complex.__hash__(complex(float('inf'), 0)))
print(complex.__bool__(0j), complex.__bool__(complex(0, -0.0)), complex.__bool__(1j), complex.__bool__(complex(float('nan'), 0)))
print(z.__complex__(), type(z.__complex__()).__name__, z.__getnewargs__(), complex(-0.0, float('inf')).__getnewargs__(), complex.__repr__(z), complex.__repr__(-1j))
print(repr(z.__format__('')), repr(z.__format__('.2f')), repr(z.__format__('>12')), repr((1.5 + 0j).__format__('')), repr(z.__format__('e')), repr(complex(1, -1).__format__('+g')))
print(repr(z.__format__('^20.3')), repr(z.__format__('_')), repr(complex(1e6, 1).__format__(',')), repr(z.__format__('G')), repr(complex(-0.0, 0).__format__('')))
print(z.__sizeof__() > 0, type(z.__sizeof__()).__name__, z.real.__class__.__name__, z.imag, z.conjugate(), (3j).conjugate(), complex(1, -0.0).conjugate())
for f in (lambda: z.__format__(1), lambda: z.__format__('d'), lambda: z.__format__('%'), lambda: z.__format__('=10'), lambda: z.__format__('010'),
          lambda: z.__format__('c'), lambda: z.__format__('z'), lambda: complex.__eq__(1, z), lambda: complex.__hash__(1), lambda: z.__getnewargs__(1),
          lambda: z.__complex__(1), lambda: z.conjugate(1), lambda: complex.__bool__(), lambda: z.__int__(), lambda: z.__float__()):
    try:
        print(repr(f()))
    except (TypeError, ValueError, AttributeError) as e:
        print(type(e).__name__, e)
