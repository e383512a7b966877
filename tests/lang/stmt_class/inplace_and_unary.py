# Unary and in-place dunders: __pos__, __invert__, __ior__, __round__, __int__, __float__.
class X:
    def __pos__(self): return "pos"
    def __invert__(self): return "inv"
    def __ior__(self, o): return "ior " + str(o)
    def __round__(self, n=None): return ("round", n)
    def __int__(self): return 7
    def __float__(self): return 2.5
x = X()
print(+x, ~x, round(x), round(x, 2), int(x), float(x))
x |= 5
print(x)
