# dict views are live, support set operations, len, in, and reversed.
d = {"a": 1, "b": 2, "c": 3}
k, v, i = d.keys(), d.values(), d.items()
d["d"] = 4
print(len(k), list(v), ("d", 4) in i, "a" in k, 2 in v)
print(sorted(k & {"a", "z"}), sorted(k | {"z"}), sorted(k - {"a"}), sorted(k ^ {"a", "q"}), sorted(i & {("a", 1)}))
print(k == {"a", "b", "c", "d"}, k.isdisjoint({"x"}), list(reversed(v)), type(k).__name__, type(v).__name__, type(i).__name__)
print(repr({1: 2}.keys()), repr({1: 2}.values()), repr({1: 2}.items()), k.mapping == d)
try:
    hash(k)
except TypeError as e:
    print(type(e).__name__, e)
