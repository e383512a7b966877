# complex.from_number: numbers only (no strings), subclasses and errors.
class C(complex):
    pass
class Cx:
    def __complex__(self): return 2 + 3j
class Fl:
    def __float__(self): return 2.5
class Ix:
    def __index__(self): return 3
print(complex.from_number(5), complex.from_number(2.5), complex.from_number(1 - 1j), complex.from_number(True), complex.from_number(Cx()))
print(complex.from_number(Fl()), complex.from_number(Ix()), C.from_number(4), type(C.from_number(4)).__name__, type(complex.from_number(C(1))).__name__)
for arg in ('1+2j', b'1', None, 10 ** 400, object(), [1]):
    try:
        print(complex.from_number(arg))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
for f in (lambda: complex.from_number(), lambda: complex.from_number(1, 2), lambda: complex.from_number(number=1)):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
