# Chained comparisons call rich comparison methods pairwise and short-circuit on falsy results.
class V:
    def __init__(self, n): self.n = n
    def __lt__(self, o):
        print(f"{self.n}<{o.n}")
        return self.n < o.n
a, b, c = V(1), V(3), V(2)
print(a < b < c)
print(c < a < b)
