# Sets of mixed hashable types and equality of numeric members.
s = {1, 1.0, True, "1", (1,), frozenset({1})}
print(len(s), 1 in s, 1.0 in s, "1" in s, (1,) in s, frozenset([1]) in s)
print(sorted(map(repr, s)))
