# float.__new__ and float() with every argument form, subclasses and conversion protocols.
class F(float):
    pass
print(float.__new__(float), float.__new__(float, '2.5'), float.__new__(F, 3), type(float.__new__(F, 3)).__name__, repr(F(-0.0)))
print(type(F(2) + 1).__name__, F(2.5) == 2.5, float(F(1.5)), type(float(F(1.5))).__name__, F('1e3'), float(b' 1.5 '), float(bytearray(b'2')))
class Fl:
    def __float__(self): return 4.5
class Ix:
    def __index__(self): return 7
class Sub:
    def __float__(self): return F(1.25)
class Bad:
    def __float__(self): return 1
print(float(Fl()), float(Ix()), float(Sub()), type(float(Sub())).__name__)
for args, kw in [((), {'x': '5'}), ((1, 2), {}), (('nan',), {}), (('-iNF',), {}), (('1e999',), {}), (('0x1p3',), {}),
                 ((Bad(),), {}), ((object(),), {}), ((' ',), {}), (('1_',), {}), (('_1',), {}), ((1j,), {}), ((10 ** 400,), {}),
                 ((b'x',), {}), (('\x00',), {}), (('1' * 400,), {}), (('infinity',), {}), (('+nan',), {}), (('in f',), {})]:
    try:
        print(float(*args, **kw))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
for f in (lambda: float.__new__(), lambda: float.__new__(int), lambda: float.__new__(1.5), lambda: float.__init__(1.5), lambda: F(x=1)):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
