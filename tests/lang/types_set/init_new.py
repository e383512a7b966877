# set.__init__ clears before refilling; set.__new__ ignores its arguments; frozenset/set subclasses.
s = {1, 2, 3}
set.__init__(s, [7])
print(s)
s.__init__()
print(s)
s = {1, 2}
s.__init__(s)
print(sorted(s))
n = set.__new__(set, [1, 2])
print(n, type(n).__name__)
class S(set):
    def __init__(self, it=(), extra=None):
        super().__init__(it)
        self.extra = extra
x = S([1, 2], extra="e")
print(sorted(x), x.extra, type(x).__name__, type(x.copy()).__name__, type(x | {3}).__name__, type(x - {1}).__name__)
class F(frozenset):
    def __new__(cls, *args):
        return super().__new__(cls, *args)
f = F([1, 2])
print(sorted(f), type(f).__name__, type(f.copy()).__name__, F() == frozenset(), hash(F([1])) == hash(frozenset([1])))
fs = frozenset([1])
print(frozenset(fs) is fs, type(frozenset(F([1]))).__name__, frozenset() is frozenset(), frozenset([]) == frozenset(()))
class G(frozenset):
    pass
print(type(G(fs)).__name__, G(fs) is fs, type(frozenset.__new__(G)).__name__)
def t(g):
    try:
        print(g())
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: S(1))
t(lambda: set.__init__(set(), [1], [2]))
t(lambda: set.__init__(frozenset(), [1]))
t(lambda: set.__new__(frozenset))
t(lambda: frozenset.__new__(S))
t(lambda: F(1, 2))
t(lambda: G(x=1))
t(lambda: S(x=1))
k = {9}
try:
    k.__init__([1, 2, 1 // 0])
except ZeroDivisionError as e:
    print(type(e).__name__, e, k)
try:
    k.__init__([1, []])
except TypeError as e:
    print(type(e).__name__, e, k)
