# dict/set/list lookups whose __eq__ clears the container, and __hash__ raising a non-TypeError.
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
class H:
    def __init__(self, v, target=None): self.v = v; self.target = target
    def __hash__(self): return hash(self.v)
    def __eq__(self, o):
        if self.target is not None:
            self.target.clear()
        return isinstance(o, H) and o.v == self.v
d = {}
for i in range(8):
    d[H(i)] = i
t(lambda: d[H(3, d)])
t(lambda: len(d))
d = {H(i): i for i in range(8)}
t(lambda: H(3, d) in d.keys())
d = {H(i): i for i in range(8)}
t(lambda: d.get(H(5, d), "gone"))
s = {H(i) for i in range(8)}
t(lambda: H(2, s) in s)
t(lambda: len(s))
s = {H(i) for i in range(8)}
t(lambda: s.discard(H(2, s)))
s = {H(i) for i in range(8)}
t(lambda: sorted(h.v for h in s & {H(2, s), H(3, s)}))
l = [H(i) for i in range(5)]
t(lambda: l.count(H(2, l)))
l = [H(i) for i in range(5)]
t(lambda: H(9, l) in l)
a = {1: H(1)}; b = {1: H(1, a)}
t(lambda: a == b)
a = [H(1), H(2)]; b = [H(1, a), H(2)]
t(lambda: a == b)
a = (H(1), H(2)); 
t(lambda: a < (H(1), H(3)))
class Hr:
    def __hash__(self): raise KeyError("h")
t(lambda: {Hr(): 1})
t(lambda: {1: 2}.get(Hr()))
t(lambda: Hr() in {1})
t(lambda: Hr() in {1: 2}.keys())
t(lambda: {1}.add(Hr()))
t(lambda: frozenset([Hr()]))
t(lambda: hash((Hr(),)))
t(lambda: hash(frozenset([1])) and hash(slice(Hr())))
