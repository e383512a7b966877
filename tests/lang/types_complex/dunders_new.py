# complex.__new__ and complex() with every argument form, subclasses and conversion protocols.
class C(complex):
    pass
print(complex.__new__(complex), complex.__new__(complex, 1, 2), complex.__new__(C, 3), type(complex.__new__(C, 3)).__name__, repr(C(-0.0, -0.0)))
print(complex(real=1, imag=2), complex(imag=3), complex(1j, 1j), complex(1 + 1j, 2), complex(2, 1 + 1j), complex(True, False))
print(type(C(2) + 1).__name__, C(2) == 2, complex(C(1, 1)), type(complex(C(1, 1))).__name__, C('1-2j'))
class Cx:
    def __complex__(self): return 2 + 3j
class Fl:
    def __float__(self): return 4.5
class Ix:
    def __index__(self): return 7
class Sub:
    def __complex__(self): return C(1, 1)
class Bad:
    def __complex__(self): return 1.5
print(complex(Cx()), complex(Fl()), complex(Ix()), complex(Fl(), Ix()), complex(Sub()), type(complex(Sub())).__name__)
for args, kw in [((1, 2, 3), {}), (('1', 2), {}), ((1, '2'), {}), (('1+2j',), {'imag': 1}), ((), {'real': 1, 'img': 2}), ((), {'rea': 1}),
                 ((Bad(),), {}), ((object(),), {}), ((None,), {}), ((1, None), {}), (('',), {}), (('1+',), {}), (('j',), {}), (('1 + 2j',), {}),
                 (('(1+2j)',), {}), (('( 1+2j )',), {}), (('(1+2j',), {}), (('infj',), {}), (('-nanj',), {}), (('1e500j',), {}),
                 (('1_0+2_0j',), {}), (('1__0j',), {}), ((b'1',), {}), (('\x00',), {}), ((10 ** 400,), {}), ((1, 10 ** 400), {}),
                 ((1,), {'real': 2}), ((Cx(), 1), {}), (('1',), {'real': '2'}), ((), {'real': '1+1j'})]:
    try:
        print(complex(*args, **kw))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
for f in (lambda: complex.__new__(), lambda: complex.__new__(int), lambda: complex.__new__(1j), lambda: complex.__init__(1j)):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
