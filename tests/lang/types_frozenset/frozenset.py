# frozenset is immutable and hashable and can be a dict key or set member.
fs = frozenset("abca")
print(sorted(fs), len(fs), "a" in fs, hash(fs) == hash(frozenset("cab")))
d = {fs: 1, frozenset(): 0}
print(d[frozenset("bca")], frozenset() in d)
nested = {frozenset({1}), frozenset({1}), frozenset({2})}
print(len(nested))
print(sorted(fs.union("z")), sorted(fs.intersection("ab")), fs.issubset("abcd"), fs.copy() is fs, frozenset(fs) is fs)
for name in ("add", "remove", "discard", "pop", "clear", "update"):
    print(name, hasattr(fs, name))
