# Slices passed to __getitem__ are slice objects; indices() normalises them.
class S:
    def __getitem__(self, k): return k
s = S()
print(s[1:2], s[::3], s[:, 1], s[1:2, ...], s[...])
sl = slice(-3, None, 2)
print(sl.start, sl.stop, sl.step, sl.indices(10), slice(5).indices(3))
