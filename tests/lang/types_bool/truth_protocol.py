# bool() through __bool__ and __len__: wrong return types, exceptions, subclasses of int as results.
class B:
    def __init__(self, v): self.v = v
    def __bool__(self): return self.v
class L:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
class Both:
    def __bool__(self): return False
    def __len__(self): return 5
class NoneBool:
    __bool__ = None
class Raises:
    def __bool__(self): raise ValueError('nope')
print(bool(B(True)), bool(B(False)), bool(L(0)), bool(L(3)), bool(Both()), bool(object()), not B(False), bool(L(True)))
for obj in (B(1), B(None), B(0.0), L(-1), L(2 ** 100), L('x'), L(1.5), NoneBool(), Raises()):
    try:
        print(bool(obj))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
for obj in (B(1), L(-1), Raises()):
    try:
        print('yes' if obj else 'no')
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(bool.__new__(bool, L(2)), bool.__new__(bool, B(False)), True.__bool__(), int.__bool__(True), False.__bool__())
