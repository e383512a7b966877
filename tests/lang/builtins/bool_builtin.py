# bool() conversion through __bool__ and __len__ and errors from bad returns.
class Z:
    def __len__(self): return 0
class T:
    def __bool__(self): return True
print(bool(Z()), bool(T()), bool(object()), bool(x=0) if False else bool(0))
class BadLen:
    def __len__(self): return "x"
try:
    bool(BadLen())
except TypeError as e:
    print(type(e).__name__, e)
try:
    bool(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
