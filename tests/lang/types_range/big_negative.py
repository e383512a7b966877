# range with big integers and negative steps: len, index, count, indexing, slicing, containment.
big = 10 ** 20
r = range(-big, big, 3)
print(r[0], r[-1], r[big // 3], r[-(big // 3)], big in r, -big in r, (big - 1) in r)
print(r.index(-big + 3), r.count(-big + 3), r.count(-big + 4), r.count(5.0 * 0 - big + 3) if False else "")
print(r[10:20:5], r[::-big], r[big:], r[-big:], r[::3][::2])
n = range(big, -big, -7)
print(n[0], n[-1], n[1], n.index(big - 14), n.count(big), n.count(big + 7), n[5:1:-2], n[::-1][:3])
print((big - 7) in n, (big - 8) in n, -big in n, n[:3], list(n[:3]), list(reversed(n[:3])))
m = range(10, -10, -3)
print(list(m), len(m), m.index(-8), m.count(1), m.count(0), m[-2], m[::-2], list(reversed(m)))
print(range(0, -5, -1)[1:3], range(5, 0, -1)[::-1], range(-2**70, -2**70 + 5)[-1])
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: len(r))
t(lambda: r.index(-big + 1))
t(lambda: n.index(big + 7))
t(lambda: r[big])
t(lambda: n[-big])
t(lambda: range(big)[big])
t(lambda: range(big)[-big - 1])
t(lambda: range(5).index("x"))
t(lambda: range(-5, 5, 3).count([]))
t(lambda: range(big).__len__())
print(bool(range(big)), range(big).__bool__(), range(5, 5, -big).__bool__(), len(range(0, big, big // 2)))
class Eq:
    def __eq__(self, other):
        return other == 7
print(range(10).count(Eq()), range(10).index(Eq()), Eq() in range(10), Eq() in range(3))
