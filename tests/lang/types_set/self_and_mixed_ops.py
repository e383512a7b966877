# set operations on themselves and with mixed iterables; slices as dict keys and compared with bools.
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: slice(1, 2, 3) == slice(True, 2, 3))
t(lambda: {slice(1, 2): 3}[slice(1, 2)])
t(lambda: [1,2,3][slice(None, None, None)])
t(lambda: frozenset(x for x in range(3)) | frozenset())
t(lambda: {1, 2}.symmetric_difference_update({1: 0}) or "ok")
s = {1, 2, 3}; s &= s; t(lambda: s)
s = {1, 2, 3}; s ^= s; t(lambda: s)
s = {1, 2, 3}; s -= s; t(lambda: s)
s = {1}; t(lambda: s.update(s, s) or s)
t(lambda: set.union({1}, [2], (3,), {4: 5}))
t(lambda: set.intersection({1, 2}, [2], (2, 3)))
t(lambda: frozenset.union(frozenset(), set()))
