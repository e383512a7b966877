# Container displays and their reprs, including trailing commas and empty forms.
print([], [1,], (), (1,), {}, {1,}, {1: 2,}, set(), frozenset())
print([1, [2, [3, []]]], ((1,),), {"a": {"b": {}}}, {(1, 2): [3]})
print(repr(()), repr((1)), repr(((),)))
l = [1]
l.append(l)
print(l)
d = {}
d["self"] = d
print(d)
