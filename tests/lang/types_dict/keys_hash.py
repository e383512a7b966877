# dict keys: equal numbers collide, unhashable keys fail, custom __hash__/__eq__.
d = {1: "int"}
d[1.0] = "float"
d[True] = "bool"
print(d, len(d))
try:
    d[[1]] = 2
except TypeError as e:
    print(type(e).__name__, e)
class K:
    def __init__(self, v): self.v = v
    def __hash__(self): return hash(self.v % 3)
    def __eq__(self, o): return self.v == o.v
    def __repr__(self): return f"K({self.v})"
m = {K(1): "a", K(4): "b", K(1): "c"}
print(m, K(4) in m, K(7) in m)
