# float's numeric attributes and small methods on floats and subclasses; they are read-only.
class F(float):
    pass
for x in (0.0, -0.0, 2.5, -3.0, 1e300, 5e-324, float('inf'), F(1.25)):
    print(repr(x), x.real, x.imag, x.conjugate(), x.is_integer(), type(x.real).__name__, type(x.conjugate()).__name__, type(x.imag).__name__)
for x in (0.0, -0.0, 2.5, -3.0, 1e300, 5e-324, 0.1, F(1.25)):
    n, d = x.as_integer_ratio()
    print(repr(x), n, d, type(n).__name__, n / d == x)
print(float.real.__get__(2.5), float.imag.__name__, float.imag.__doc__, type(float.__dict__['real']).__name__, F(2.0).is_integer(), float('nan').is_integer())
for f in (lambda: setattr(1.5, 'real', 1), lambda: setattr(1.5, 'imag', 1), lambda: delattr(1.5, 'real'), lambda: setattr(1.5, 'x', 1), lambda: (1.5).numerator):
    try:
        print(f())
    except AttributeError as e:
        print(type(e).__name__, e)
