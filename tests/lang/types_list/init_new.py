# list.__init__ clears before refilling; list.__new__ ignores its arguments; subclass construction.
a = [1, 2, 3]
list.__init__(a, (7, 8))
print(a)
a.__init__()
print(a)
a.__init__(a)
print(a)
b = [1, 2]
b.__init__(b)
print(b)
c = list.__new__(list, [1, 2, 3])
print(c, type(c).__name__)
d = list.__new__(list, 1, 2, x=3)
print(d)
class L(list):
    def __init__(self, *args, **kw):
        self.kw = kw
        super().__init__(*args)
e = L("ab", k=1)
print(e, e.kw, type(e).__name__, type(e[:]).__name__, type(e + e).__name__, type(e * 2).__name__, type(e.copy()).__name__)
class M(list):
    def __new__(cls, *args):
        return super().__new__(cls)
f = M([1, 2])
print(f, type(f).__name__)
class N(list):
    pass
print(N(range(3)), N.__init__ is list.__init__, N.__new__ is list.__new__, type(N()).__name__)
def t(g):
    try:
        print(g())
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: N(1, 2))
t(lambda: N(x=1))
t(lambda: list.__init__(N(), 5))
t(lambda: list.__init__((), []))
t(lambda: list.__new__(tuple))
t(lambda: list.__new__(N, 1, 2))
g = [9]
try:
    list.__init__(g, (1, 2, 3, 1 // 0))
except ZeroDivisionError as e:
    print(type(e).__name__, e, g)
def gen():
    yield 1
    raise KeyError("k")
h = [5]
try:
    h.__init__(gen())
except KeyError as e:
    print(type(e).__name__, e, h)
