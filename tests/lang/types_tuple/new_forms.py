# tuple.__new__ forms: from iterables, identity for exact tuples, subclasses with __new__ and __init__.
t = (1, 2)
print(tuple(t) is t, tuple.__new__(tuple, t) is t, tuple([1, 2]), tuple("ab"), tuple({1: 2}), tuple(range(3)), tuple())
class T(tuple):
    pass
x = T((1, 2))
print(x, type(x).__name__, tuple(x) is x, type(tuple(x)).__name__, x == (1, 2), hash(x) == hash((1, 2)))
print(type(x + x).__name__, type(x * 2).__name__, type(x[:]).__name__, type(x[0:1]).__name__)
class P(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    def __init__(self, a, b):
        self.total = a + b
p = P(3, 4)
print(p, p.total, type(p).__name__, p.__getnewargs__())
class Q(tuple):
    def __init__(self, *args):
        print("init", args)
q = Q([5, 6])
print(q)
def g():
    yield 1
    yield 2
print(tuple(g()), tuple(iter([3])), tuple(x for x in "xy"))
def u(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
u(lambda: tuple(5))
u(lambda: tuple([1], [2]))
u(lambda: tuple.__new__(T, 5))
u(lambda: tuple.__new__(list))
u(lambda: T(x=1))
u(lambda: P(1))
u(lambda: tuple(1 // 0 for _ in "a"))
print(tuple.__init__((1,), 2, 3, k=4))
