# complex's public methods and attributes called with wrong arguments; attributes are read-only.
z = complex(1, -2)
class C(complex):
    pass
print(z.real, z.imag, z.conjugate(), C(1, 2).conjugate(), type(C(1, 2).conjugate()).__name__, type(C(1, 2).real).__name__, complex.real.__get__(3j))
print(complex.real.__doc__, complex(-0.0, -0.0).conjugate(), complex(float('inf'), float('nan')).conjugate(), complex.imag.__name__, type(complex.__dict__['real']).__name__)
calls = [
    lambda: z.conjugate(1), lambda: complex.conjugate(), lambda: complex.conjugate(1.5), lambda: complex.from_number(),
    lambda: setattr(z, 'real', 1), lambda: setattr(z, 'imag', 1), lambda: delattr(z, 'real'), lambda: setattr(z, 'x', 1),
    lambda: z.numerator, lambda: z.as_integer_ratio(), lambda: z.is_integer(), lambda: z.hex(), lambda: round(z),
    lambda: int(z), lambda: float(z), lambda: z.__round__(), lambda: complex.from_number(x=1), lambda: complex('1', '2'),
    lambda: complex(real=1, imag=2, img=3), lambda: complex(1, imag=2, real=3), lambda: complex.__getnewargs__(1.5),
]
for f in calls:
    try:
        print(repr(f()))
    except (TypeError, ValueError, AttributeError) as e:
        print(type(e).__name__, e)
