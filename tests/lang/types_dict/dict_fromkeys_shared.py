# dict.fromkeys shares one value object among all keys.
d = dict.fromkeys(["a", "b"], [])
d["a"].append(1)
print(d)
class MyDict(dict): pass
m = MyDict.fromkeys("xy", 0)
print(type(m).__name__, m)
