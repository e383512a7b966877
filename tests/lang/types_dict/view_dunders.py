# dict_keys/dict_items/dict_values dunders: set operations with every reflected form, comparisons.
d = {"a": 1, "b": 2, "c": 3}
k, v, i = d.keys(), d.values(), d.items()
K, V, I = type(k), type(v), type(i)
def s(x):
    return sorted(x, key=repr) if isinstance(x, (set, frozenset)) else x
print(K.__len__(k), V.__len__(v), I.__len__(i), K.__contains__(k, "a"), I.__contains__(i, ("a", 1)), I.__contains__(i, ("a", 2)))
print(I.__contains__(i, "a"), I.__contains__(i, ("a",)), K.__contains__(k, "z"))
print(s(K.__and__(k, {"a", "z"})), s(K.__rand__(k, ["a", "z"])), s(K.__or__(k, {"z"})), s(K.__ror__(k, ("z",))))
print(s(K.__sub__(k, {"a"})), s(K.__rsub__(k, {"a", "q"})), s(K.__xor__(k, {"a", "q"})), s(K.__rxor__(k, ["a", "q"])))
print(s(I.__and__(i, {("a", 1)})), s(I.__rand__(i, [("b", 2), 5])), s(I.__or__(i, [1])), s(I.__ror__(i, [])))
print(s(I.__sub__(i, {("a", 1)})), s(I.__rsub__(i, {("a", 1), 7})), s(I.__xor__(i, {("a", 1)})), s(I.__rxor__(i, [("z", 0)])))
print(s({"a"} - k), s({"x"} ^ k), s(("q",) | k), s(k & k), s(i - i))
print(K.__eq__(k, {"a", "b", "c"}), K.__ne__(k, {"a"}), K.__lt__(k, {"a", "b", "c", "d"}), K.__le__(k, k))
print(K.__gt__(k, {"a"}), K.__ge__(k, set()), K.__eq__(k, ["a", "b", "c"]), K.__lt__(k, 5))
print(I.__eq__(i, {("a", 1), ("b", 2), ("c", 3)}), I.__gt__(i, {("a", 1)}), I.__le__(i, [1]))
print(k == {"c": 0, "b": 0, "a": 0}.keys(), i == {"a": 1}.items(), k <= d.keys(), v == v, v == d.values())
print(K.__hash__, I.__hash__, V.__hash__ is object.__hash__)
print(K.__repr__(k), V.__repr__(v), I.__repr__(i))
print(list(K.__iter__(k)), list(V.__iter__(v)), list(I.__iter__(i)))
print(list(K.__reversed__(k)), list(V.__reversed__(v)), list(I.__reversed__(i)))
print(type(K.__reversed__(k)).__name__, type(V.__reversed__(v)).__name__, type(I.__reversed__(i)).__name__)
print(type(K.__iter__(k)).__name__, type(V.__iter__(v)).__name__, type(I.__iter__(i)).__name__)
print(k.mapping, v.mapping, i.mapping, type(k.mapping).__name__, k.mapping == d)
print(k.isdisjoint(["x"]), i.isdisjoint([("a", 1)]), k.isdisjoint(k))
for name in ("__and__", "__rand__", "__or__", "__ror__", "__sub__", "__rsub__", "__xor__", "__rxor__", "__eq__", "__lt__", "__reversed__", "mapping"):
    print(name, hasattr(k, name), hasattr(i, name), hasattr(v, name))
