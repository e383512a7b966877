# Arithmetic dunders, reflected operands and NotImplemented.
class V:
    def __init__(self, *c): self.c = c
    def __repr__(self): return f"V{self.c}"
    def __add__(self, o):
        if isinstance(o, V): return V(*(a + b for a, b in zip(self.c, o.c)))
        return NotImplemented
    def __mul__(self, k):
        if isinstance(k, int): return V(*(a * k for a in self.c))
        return NotImplemented
    __rmul__ = __mul__
    def __neg__(self): return V(*(-a for a in self.c))
    def __abs__(self): return sum(a * a for a in self.c)
    def __matmul__(self, o): return sum(a * b for a, b in zip(self.c, o.c))
a, b = V(1, 2), V(3, 4)
print(a + b, a * 3, 3 * a, -a, abs(b), a @ b)
try:
    a + 1
except TypeError as e:
    print(e)
try:
    "s" * a
except TypeError as e:
    print(e)
