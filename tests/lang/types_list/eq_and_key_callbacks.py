# list methods when __eq__ raises or clears the list, sort keys that fail or mutate, self-referential in-place ops.
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
class Bad:
    def __eq__(self, o):
        raise ValueError("eq")
    __hash__ = object.__hash__
t(lambda: [1, Bad()].index(5))
t(lambda: [Bad()].count(1))
t(lambda: Bad() in [1])
t(lambda: [Bad()].remove(2))
t(lambda: (Bad(),).index(3))
t(lambda: [Bad()] == [Bad()])
class Mut:
    def __init__(self, l): self.l = l
    def __eq__(self, o):
        self.l.clear(); return False
l = [1, 2, 3]
t(lambda: l.index(Mut(l)))
l = [1, 2, 3]
t(lambda: l.count(Mut(l)))
l = [1, 2, 3]
t(lambda: l.remove(Mut(l)))
t(lambda: [3, 1, 2].sort(key=lambda x: 1 / 0))
a = [3, 1, 2]
def k(x):
    a.append(1); return x
t(lambda: a.sort(key=k))
t(lambda: a)
t(lambda: sorted([(1, Bad()), (1, 2)]))
t(lambda: tuple(range(3)) * 0)
t(lambda: [[]] * 3)
l = [1]; l *= 3; t(lambda: l)
l = [1]; l += l; t(lambda: l)
l = [1, 2]; l[:] = l; t(lambda: l)
l = [1, 2]; l[1:1] = l; t(lambda: l)
l = [1, 2, 3, 4]; l[::2] = l[1::2]; t(lambda: l)
