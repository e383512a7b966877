# slice.indices: clamping with negative steps, big ints, __index__, and its errors.
class I:
    def __index__(self):
        return 3
print(slice(None).indices(0), slice(None, None, -1).indices(0), slice(-100, 100).indices(5), slice(100, -100, -1).indices(5))
print(slice(None, None, -2).indices(7), slice(5, None, -1).indices(3), slice(-2, -1).indices(4), slice(I(), I(), I()).indices(10))
print(slice(10**30, -10**30, -10**30).indices(10), slice(-10**30, 10**30, 10**30).indices(10**25))
print(slice(1, 2).indices(I()), slice(True, False, True).indices(4), slice(2**63, None).indices(2**64))
print(range(10)[slice(None, None, -3)], list(range(10)[slice(-3, 2, -1)]))
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
s = slice(1, 10, 2)
t(lambda: s.indices())
t(lambda: s.indices(1, 2))
t(lambda: s.indices(-1))
t(lambda: s.indices("x"))
t(lambda: s.indices(1.5))
t(lambda: s.indices(None))
t(lambda: s.indices(-10**30))
t(lambda: slice(0, 1, 0).indices(3))
t(lambda: slice("a").indices(3))
t(lambda: slice(1, 2.5).indices(3))
t(lambda: slice(1, 2, "x").indices(3))
t(lambda: slice(None, None, 1.0).indices(3))
t(lambda: slice.indices(5, 3))
t(lambda: slice.indices(s, x=3))
