# Container dunders: __len__, __getitem__, __setitem__, __contains__, __iter__, __reversed__.
class Bag:
    def __init__(self): self.d = {}
    def __len__(self): return len(self.d)
    def __getitem__(self, k): return self.d[k]
    def __setitem__(self, k, v): self.d[k] = v
    def __contains__(self, k): print("contains", k); return k in self.d
    def __iter__(self): return iter(sorted(self.d))
    def __reversed__(self): return iter(sorted(self.d, reverse=True))
b = Bag()
b["x"] = 1; b["y"] = 2
print(len(b), b["x"], "x" in b, "z" not in b, list(b), list(reversed(b)))
try:
    b["nope"]
except KeyError as e:
    print(repr(e))
