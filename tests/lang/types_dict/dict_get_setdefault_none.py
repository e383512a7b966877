# get and setdefault with None defaults; in vs get for keys mapped to None.
d = {"a": None}
print(d.get("a", 1), "a" in d, d.setdefault("b"), d, d.get("c") is None)
print(d.pop("a"), d.pop("zz", None), d)
