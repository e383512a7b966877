# Subclasses of int, float and complex: result types of operators, methods and constructors, reprs.
class I(int):
    def __repr__(self): return 'I(%d)' % self
class F(float): pass
class C(complex): pass
class B(int):
    __slots__ = ()
exprs = r'''
I(5), repr(I(5)), str(I(5)), format(I(5)), f'{I(5)}', '%d' % I(5), '%s' % I(5), '%r' % I(5)
repr(F(1.5)), str(F(1.5)), format(F(1.5), '.2f'), repr(C(1, 2)), str(C(1, 2)), format(C(1,2), '')
type(I(5) + 1), type(-I(5)), type(+I(5)), type(abs(I(5))), type(~I(5)), type(I(5) * 1), type(I(5) // 1), type(I(5) << 0)
type(-F(1.5)), type(+F(1.5)), type(abs(F(1.5))), type(F(1.5) + 0), type(F(1.5).conjugate()), type(F(1.5).real)
type(-C(1)), type(+C(1)), type(C(1) + 0), type(C(1).conjugate()), type(C(1).real)
I(5).__getnewargs__(), type(I(5).__getnewargs__()[0]), F(1.5).__getnewargs__(), C(1, 2).__getnewargs__()
I(5).real, type(I(5).real), type(I(5).numerator), type(I(5).imag), I(5).as_integer_ratio(), type(I(5).as_integer_ratio()[0])
type(I(5).__index__()), type(I(5).__int__()), type(I(5).__float__()), type(int(I(5))), type(I(5).__round__()), type(I(5).__trunc__())
type(F(2.5).__round__()), type(F(2.5).__round__(1)), type(F(2.5).__float__()), type(float(F(2.5)))
type(C(1).__complex__()), type(complex(C(1)))
hash(I(5)) == hash(5), hash(F(1.5)) == hash(1.5), hash(C(1, 2)) == hash(1+2j)
I(5) == 5, F(1.5) == 1.5, C(1) == 1, I(5) is I(5)
I.__new__(I, '12', 8), I('ff', 16), F.__new__(F), C.__new__(C)
B(3), B(3).__class__, hasattr(B(3), '__dict__'), hasattr(I(3), '__dict__')
I(3).__reduce_ex__(2)[1], F(1.5).__reduce_ex__(2)[1], C(1j).__reduce_ex__(2)[1]
I(3).__sizeof__() >= (3).__sizeof__(), F(1.5).__sizeof__() >= (1.5).__sizeof__()
int.__new__(I, 3).__class__, float.__new__(F, 2).__class__, complex.__new__(C, 1, 1).__class__
int.__new__(bool)
float.__new__(bool)
complex.__new__(int)
object.__new__(int)
object.__new__(float)
int.__init__(5, 6, 7) 
int.__init__(I(5), 6)
F.fromhex('0x1p1').__class__, I.from_bytes(b'\x01').__class__, F.from_number(2).__class__, C.from_number(2).__class__
bool.from_bytes(b'\x00\x01'), bool.from_bytes(b'').__class__
bool.__new__(bool, I(0)), bool(F(0.0)), bool(C(0))
True.__class__.__name__, I(5).__class__.__base__, bool.__base__, bool.__bases__
int.__subclasscheck__(bool) if False else issubclass(bool, int), isinstance(I(1), int)
I(7).bit_length(), I(7).bit_count(), I(-7).to_bytes(1, signed=True), F(0.5).hex(), F(0.5).is_integer()
sorted([I(3), 1, F(2.0), True]), max(I(3), 3), type(max(I(3), 3)), type(max(3, I(3)))
round(I(15), -1), type(round(I(15), -1)), round(F(2.5)), type(round(F(2.5), 1))
divmod(I(7), 2), divmod(F(7.5), 2), pow(I(2), 3), pow(F(2.0), 3), pow(C(2), 2)
'''.strip().splitlines()
for e in exprs:
    if not e.strip():
        continue
    try:
        r = eval(e)
    except Exception as ex:
        print(e, '=>', end=' ')
        print(type(ex).__name__, ex)
        continue
    print(e, '=>', r)
