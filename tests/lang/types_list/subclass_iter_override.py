# Built-in consumers of list/tuple/dict/set subclasses: which take the items directly and which call an overridden __iter__.
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
class M(dict):
    def __missing__(self, k):
        return ("missing", k)
m = M(a=1)
t(lambda: (m["z"], m.get("z"), "z" in m, dict.__getitem__(m, "z"), M.__getitem__(m, "q")))
t(lambda: m.setdefault("y", 5))
t(lambda: m.pop("nope", "dflt"))
t(lambda: {}.popitem())
d = {1: 1, 2: 2, 3: 3}
t(lambda: (d.popitem(), d.popitem(), d))
n = float("nan")
t(lambda: ((n, n).count(n), [n].index(n), n in {n}, {n: 1}[n], (n,) == (n,)))
t(lambda: {1, 2, 3}.pop())
class L(list):
    def __iter__(self):
        return iter([9, 9])
    def __len__(self):
        return 7
x = L([1, 2])
t(lambda: (list(x), tuple(x), set(x), list(reversed(x)), x.copy(), x[:], x + [3], [0] + x, sorted(x), len(x)))
class T(tuple):
    def __iter__(self):
        return iter("zz")
y = T((1, 2))
t(lambda: (list(y), tuple(y), set(y), y + (3,), (0,) + y, y[::-1], len(y)))
class D(dict):
    def __iter__(self):
        return iter(["x"])
    def keys(self):
        return ["k"]
    def __getitem__(self, k):
        return "item-" + k
z = D(a=1)
t(lambda: (dict(z), list(z), {**z}, dict(**z) if False else "", {}.update(z) or "", list(z.items()), z.copy()))
t(lambda: dict({}, **z))
e = {}; e.update(z); t(lambda: e)
class S(set):
    def __iter__(self):
        return iter([7])
s = S([1, 2])
t(lambda: (sorted(set(s)), sorted(frozenset(s)), sorted(s | {3}), sorted({3} | s), sorted(s.union()), sorted(s.copy()), list(s)))
