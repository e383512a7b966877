# The @ operator and @= dispatch to __matmul__, __rmatmul__ and __imatmul__.
class M:
    def __init__(self, v): self.v = v
    def __matmul__(self, o): return f"{self.v}@{o}"
    def __rmatmul__(self, o): return f"{o}@r{self.v}"
    def __imatmul__(self, o): self.v = f"({self.v}@={o})"; return self
m = M("m")
print(m @ 1, 2 @ m)
m @= 3
print(m.v)
try:
    1 @ 2
except TypeError as e:
    print(type(e).__name__, e)
