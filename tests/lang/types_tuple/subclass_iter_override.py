# Slice assignment, extend, dict pairs and set construction call the __iter__ of a list/tuple subclass, as CPython does.
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
class L(list):
    def __iter__(self):
        return iter([9, 9])
class T(tuple):
    def __iter__(self):
        return iter("zz")
def sa(k, v):
    a = [1, 2, 3, 4]; a[k] = v; return a
t(lambda: sa(slice(0, 2), L([5])))
t(lambda: sa(slice(0, 2), T((5,))))
t(lambda: sa(slice(None, None, 2), L([5, 6, 7])))
t(lambda: sa(slice(None, None, 2), T((5, 6, 7))))
t(lambda: sa(slice(0, 2), 5))
t(lambda: sa(slice(None, None, 2), 5))
a = [1]; a.extend(L([3])); t(lambda: a)
a = [1]; a += T((3,)); t(lambda: a)
t(lambda: dict([T((1, 2))]))
t(lambda: dict(T(((1, 2),))))
t(lambda: dict.fromkeys(T((1, 2))))
t(lambda: set(T((1, 2))))
t(lambda: frozenset(L([1, 2])))
t(lambda: sorted({1}.union(T((5,))), key=repr))
t(lambda: {1}.issubset(L([1])))
t(lambda: {1}.isdisjoint(T((1,))))
t(lambda: sorted(T((3, 1))))
t(lambda: list(reversed(L([1, 2]))))
t(lambda: tuple(L([1, 2])))
t(lambda: tuple(T((1, 2))))
t(lambda: [*L([1, 2])])
t(lambda: (*T((1, 2)),))
t(lambda: {*T((1, 2))})
t(lambda: max(L([1, 5])))
t(lambda: sum(T((1, 2)) and L([1])))
t(lambda: list(map(str, L([1]))))
t(lambda: {}.keys() | L([1]))
t(lambda: L([1]) in [[1]])
