# dict repr with nested containers, str keys with quotes and recursive references.
d = {"a'b": [1, {"x": (2,)}], 1: None, (1, 2): {3}, "q\"": b"z"}
print(d)
d["me"] = d
print(d)
print(str({}), repr({1: {}}))
