# Rich comparisons, reflection and default identity equality.
class N:
    def __init__(self, v): self.v = v
    def __eq__(self, o): print("eq", self.v); return isinstance(o, N) and self.v == o.v
    def __lt__(self, o): print("lt", self.v); return self.v < o.v
print(N(1) == N(1), N(1) != N(2))
print(N(1) < N(2), N(3) > N(2))
class Plain: pass
p = Plain()
print(p == p, p == Plain(), p != p)
try:
    Plain() < Plain()
except TypeError as e:
    print(e)
print(sorted([N(3), N(1), N(2)], key=lambda n: n.v)[0].v)
