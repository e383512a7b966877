# In-place set operators and mixing set with frozenset.
s = {1, 2}
t = s
s |= {3}; s &= {1, 3, 5}; s -= {5}; s ^= {9}
print(sorted(s), s is t)
fs = frozenset([1, 2])
print(type(fs | {3}).__name__, type({3} | fs).__name__, sorted(fs & {2}), fs == {1, 2}, {1, 2} == fs)
print(repr({1}), repr(set()), repr(frozenset()), repr(frozenset({1})))
