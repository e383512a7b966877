# Defining __eq__ without __hash__ makes instances unhashable; dataclass-like hash.
class P:
    def __init__(self, x): self.x = x
    def __eq__(self, o): return isinstance(o, P) and o.x == self.x
    def __hash__(self): return hash(self.x)
print(len({P(1), P(1), P(2)}), P(1) in {P(1): 0})
class Q:
    def __eq__(self, o): return True
print(Q.__hash__ is None)
try:
    {Q()}
except TypeError as e:
    print(type(e).__name__, e)
