# Operator dispatch with int/float/complex subclasses: a subclass's reflected method is tried first.
class I(int):
    def __radd__(self, other): return ('I.radd', other)
    def __rsub__(self, other): return NotImplemented
    def __rpow__(self, other, mod=None): return ('I.rpow', other, mod)
    def __lt__(self, other): return 'I.lt'
    def __gt__(self, other): return 'I.gt'
class F(float):
    def __rmul__(self, other): return ('F.rmul', other)
    def __eq__(self, other): return 'F.eq'
    __hash__ = float.__hash__
class C(complex):
    def __rtruediv__(self, other): return ('C.rtruediv', other)
print(1 + I(2), I(2) + 1, 1 - I(2), 2 ** I(3), pow(2, I(3)), pow(2, I(3), 5), 1 < I(5), I(5) > 1, 3 > I(1))
print(2.0 * F(1.5), 2 * F(1.5), F(1.5) * 2, 1.0 == F(1.0), F(1.0) == 1, 1 == F(1.0))
print(1 / C(1), 1j / C(1), C(1) / 1j, 2.5 / C(2))
class J(int):
    def __add__(self, other): return 'J.add'
    def __radd__(self, other): return 'J.radd'
    def __index__(self): return 3
print(J(1) + J(2), 1 + J(1), J(1) + 1, True + J(0), [1, 2, 3, 4][J(0)], bin(J(9)), int(J(9)), J(5) * 2)
class K(int):
    def __neg__(self): return 'K.neg'
    def __bool__(self): return False
    def __float__(self): return 7.5
    def __int__(self): return 42
print(-K(1), +K(1), abs(K(-3)), bool(K(1)), float(K(1)), int(K(1)), K(1).__int__(), 'yes' if K(5) else 'no', round(K(5)), K(3) * 1.0)
for f in (lambda: I(2) - 'x', lambda: 'x' - I(2), lambda: 1 - I(2) if False else I(2) @ 1):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
