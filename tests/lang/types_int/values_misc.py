# Assorted int, bool, float and complex values: formats, hashes, divmod signs, parsing, type dicts and MROs.
exprs = r'''
int.__new__(int, '5', base=16)
int('5', base=None)
int(base=10)
int('10', 2.0)
int('0x10', base=0)
int(' 1_000 ')
(5).__format__('=+10_')
(5).__format__('010,')
(5).__format__('#010x')
(-5).__format__('#_b')
(2**100).__format__(',d')
(123456789).__format__('_o')
(255).__format__('#X')
(5).__format__('.0%')
(5).__format__('e')
(5).__format__('z')
(5).__format__('zd')
(5).__format__('\x00<5')
(5).__format__('ä^7')
(5).__format__('999999999999999999999')
(5).__format__('.999999999999999999999f')
(1.5).__format__('z.1f')
(-0.0).__format__('z.1f')
(-0.001).__format__('z.1f')
(1.5).__format__('.3n')
(1234.5).__format__(',.2f')
(1234.5).__format__('.2_f')
(1234.5678).__format__('.3,f')
(1234.5).__format__('_e')
float('1e-400')
float('-1e-400')
float('0x1p3'.replace('0x',''))
(1.0).__round__(-1)
float.__round__(1.0, -308)
(1e308).__round__(-308)
(1.5).hex()
float.fromhex('0x1.0p-1074')
float.fromhex('-0x1p-1075')
float.fromhex('0x1.8p-1074')
(0.1).as_integer_ratio()
(-1.5).is_integer()
float.is_integer(True) if False else 0
divmod(-7.5, 2)
divmod(7, -2)
divmod(-2**70, 3)
divmod(2**70, -3)
(-7) % 2**70
7 // -2**70
(-2**70) >> 3
(-2**70) >> 200
(-1) >> 1
~(2**70)
(2**70) & -1
(-2**70) | 5
(-2**70) ^ -3
-(2**63)
2**63 - 1 + 1
(-2**63) // -1
abs(-2**63)
(2**64) % -7
pow(2, -2)
pow(-2, -3)
pow(2, 10**2, -7)
pow(-3, 3, -5)
pow(3, -2, 7)
pow(0, 0)
pow(0.0, 0)
0 ** -1.0 if False else 1
(-8) ** (1/3)
(-1) ** 0.5
2 ** -1074
2.0 ** -1075
1e308 * 10
-1e308 * 10
float('inf') - float('inf')
float('inf') * 0
1/3 + 1/3
round(2.5), round(3.5), round(-2.5)
int(-0.0)
int(1e308)
hash(-1), hash(-2), hash(2**61-1), hash(2**61), hash(-2**61), hash(2**100)
hash(0.1), hash(-0.5), hash(1e-300), hash(float('nan')) == hash(float('nan'))
hash(complex(1, 2)), hash(complex(-1, 0)), hash(complex(0, -1))
complex('1e3j'), complex('-1.5e-3-2.5e+3j'), complex('+J'), complex('-j'), complex('1+1J')
complex('infj'), complex('-inf+nanj'), complex('NaN'), complex(' (1) ')
repr(complex(0.0, -0.0)), repr(complex(-0.0, 0.0)), repr(-(0j)), repr(complex(1e16, 1e-16))
repr(complex(float('nan'), float('inf'))), str(complex(1e300 * 10, -0.0))
(1+2j) ** 0.5
(1+2j) ** (2+0j)
(1+2j) ** 1000
(1+1j) ** -3
0j ** 0j
0j ** 1
complex(2, 0) ** 1e10 if False else 0
abs(3+4j), abs(-0j), abs(complex(float('inf'), 1))
(1e300+1e300j) / (1e-300+1e-300j) if False else 0
(1+2j) / (3-4j)
(1+2j) / 0.5
2 / (1+1j)
(1+2j) == (1+2j), (1+0j) == 1.0, (1+0j) != 1
bool(0j), bool(-0.0j), bool(1e-320j)
format(1+2j, ''), format(1+2j, '10'), format(1+2j, '<15.3f'), format(-1-2j, '+'), format(1j, 'g'), format(1j, '.2'), format(complex(0, -0.0), '')
format(1+2j, 'z'), format(complex(-0.0, -0.0), 'z.1f'), format(1e20+1j, ''), format(1e20+1j, 'n')
format(True, '#x'), format(False, '^5'), format(True, 's') if False else 0
str(True), repr(False), True.real, True.imag, True.numerator, True.denominator, True.conjugate(), type(True.conjugate())
True.bit_length(), True.bit_count(), True.as_integer_ratio(), True.is_integer(), True.to_bytes(), True.__index__()
(True).__round__(0), type(True.__round__(0)), True.__trunc__()
int.__ceil__(True), int.__floor__(False), type(int.__floor__(False))
'%d %i %u %x %o %e %f %g %r' % (True, 2.5, -3, 255, 8, 1.5, 2.5, 1e20, 1.5)
'%.3d|%5.1f|%-6x|%+d|% d|%#o|%#x|%c' % (7, 2.25, 255, 5, 5, 8, 255, 65)
'%s' % 1e16, '%r' % 1e-5, '%.20g' % 0.1, '%a' % 1.5
str(1e16), str(1e-5), str(123456789012345678.0), repr(1e-7), repr(9.999999999999999e22)
float('  1.5e+2  '), float('-.5e-1'), float('1.E2'), float('.e1') if False else 0
int.from_bytes(b'\x00\x01', 'little', signed=False), (65535).to_bytes(2, 'little')
(0).bit_length(), (-0).bit_count(), (2**1000).bit_length()
float.fromhex('  -0X1.ABCDEFP+10  ')
(12.0).hex(), (-0.1).hex(), (1e-310).hex()
float(True), float(False), complex(True), int(True)
min(1, True), max(False, 0), sorted([True, 1, 1.0, 0, False])
1 < 2 < 3.5, 2 ** 0.5 ** 2, -2 ** 2, (-2) ** 2
0.1 + 0.2, 1.1 * 3, 1e-300 * 1e-300, 7.0 // 0.1, 7.0 % 0.1
int('0b1010', 0), int('0B1010', 0), int('0O17', 0), int('-0x1', 0)
isinstance(True, int), bool.__mro__, int.__mro__, float.__mro__, complex.__mro__, type(None).__mro__
int.__add__.__name__, int.__add__.__qualname__, type(int.__add__).__name__, type((1).__add__).__name__
repr(int.__add__)[:30], repr((1).__add__)[:25]
sorted(k for k in vars(bool)), sorted(k for k in vars(type(None)))
sorted(k for k in vars(type(NotImplemented))), sorted(k for k in vars(type(...)))
len(vars(int)), len(vars(float)), len(vars(complex))
'''.strip().splitlines()
for e in exprs:
    try:
        r = eval(e)
    except Exception as ex:
        print(e, '=>', end=' ')
        print(type(ex).__name__, ex)
        continue
    print(e, '=>', r)
