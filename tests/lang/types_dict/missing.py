# __missing__ on dict subclasses is used by [] but not by get().
class Default(dict):
    def __missing__(self, key):
        return f"missing {key}"
d = Default(a=1)
print(d["a"], d["zz"], d.get("zz"), "zz" in d, len(d))
class Counter(dict):
    def __missing__(self, k):
        self[k] = 0
        return 0
c = Counter()
for ch in "abracadabra":
    c[ch] += 1
print(sorted(c.items()))
