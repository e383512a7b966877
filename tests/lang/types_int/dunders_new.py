# int.__new__ and int() with every argument form, subclasses, and the errors.
class I(int):
    pass
print(int.__new__(int), int.__new__(int, 5), int.__new__(int, '12', 8), int.__new__(I, 7), type(int.__new__(I, 7)).__name__)
print(int('11', base=2), int(x='5') if False else 0, int('0x10', 16), int('  +12_3 '), int('-0b11', 0), int('٣'))
print(type(I(3) + 1).__name__, I(3) == 3, repr(I(-4)), int(I(9)), type(int(I(9))).__name__, I('ff', 16))
class T:
    def __int__(self): return 42
class Ix:
    def __index__(self): return 7
class Bad:
    def __int__(self): return 'no'
class Sub:
    def __int__(self): return True
print(int(T()), int(Ix()), int('6', Ix()), int(Sub()), type(int(Sub())).__name__)
for args, kw in [((), {'x': '5'}), ((1, 2), {}), (('1', 2, 3), {}), (('1',), {'base': 1}), (('1',), {'base': 37}),
                 ((5,), {'base': 10}), (('5',), {'bass': 10}), (('9', 8), {}), ((b'12', 3), {}), ((Bad(),), {}),
                 ((object(),), {}), (('1', 'x'), {}), (('1', 2.5), {}), (('1', 2 ** 100), {}), (('',), {'base': 0}),
                 (('010',), {'base': 0}), (('0_1',), {'base': 0}), ((' ',), {}), (('1e5',), {}), ((3j,), {})]:
    try:
        print(int(*args, **kw))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
for f in (lambda: int.__new__(), lambda: int.__new__(str), lambda: int.__new__(1), lambda: int.__new__(bool, 1), lambda: int.__init__(5),
          lambda: int.__init__(5, 1, 2)):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
