# int's numeric attributes and small methods on ints, bools and subclasses; they are read-only.
class I(int):
    pass
for n in (0, 7, -7, True, False, I(5), 2 ** 70, -(2 ** 70)):
    print(repr(n), n.real, n.imag, n.numerator, n.denominator, n.conjugate(), n.as_integer_ratio(), n.is_integer(), n.bit_length(), n.bit_count())
    print(' ', type(n.real).__name__, type(n.numerator).__name__, type(n.conjugate()).__name__, type(n.as_integer_ratio()[0]).__name__, type(n.imag).__name__)
print(int.real.__get__(5), int.numerator.__name__, int.denominator.__doc__, int.real.__doc__, type(int.__dict__['imag']).__name__)
for f in (lambda: setattr(5, 'real', 1), lambda: setattr(5, 'numerator', 1), lambda: delattr(5, 'imag'), lambda: setattr(5, 'x', 1), lambda: (5).foo):
    try:
        print(f())
    except AttributeError as e:
        print(type(e).__name__, e)
print((-1).bit_length(), (-(2 ** 64)).bit_length(), (2 ** 64 - 1).bit_count(), (-(2 ** 64 - 1)).bit_count(), (10 ** 50).bit_length())
