# dict.__init__ merges into the existing dict (never clears); dict.__new__ and subclass construction.
d = {"a": 1, "b": 2}
dict.__init__(d, {"b": 20, "c": 3})
print(d)
d.__init__([("d", 4)], a=0)
print(d)
d.__init__()
print(d)
d.__init__(d)
print(d)
class Keys:
    def keys(self):
        return ["x", "y"]
    def __getitem__(self, k):
        return k * 2
d.__init__(Keys())
print(d)
e = dict.__new__(dict, {"a": 1}, b=2)
print(e, type(e).__name__)
class D(dict):
    def __init__(self, *args, **kw):
        self.seen = (args, sorted(kw))
        super().__init__(*args, **kw)
f = D({"k": 1}, z=2)
print(f, f.seen, type(f).__name__, type(f.copy()).__name__, type(D.fromkeys("ab")).__name__)
class E(dict):
    def __new__(cls, *args, **kw):
        return super().__new__(cls)
g = E({"a": 1})
print(g, type(g).__name__)
def t(h):
    try:
        print(h())
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: dict.__init__(d, 5))
t(lambda: dict.__init__(d, [1, 2]))
t(lambda: dict.__init__(d, ["abc"]))
t(lambda: dict.__init__(d, [["k", "v"], ("k2",)]))
t(lambda: dict.__init__([], {}))
t(lambda: dict.__new__(list))
t(lambda: dict.__new__(D, 1, 2, 3))
t(lambda: dict(Keys(), Keys()))
t(lambda: dict({}, **{1: 2}))
print(d)
h = {"keep": 1}
try:
    h.__init__([("a", 1), ("b", 1 // 0)])
except ZeroDivisionError as e:
    print(type(e).__name__, e, h)
try:
    h.__init__([("c", 1), 5])
except TypeError as e:
    print(type(e).__name__, e, h)
