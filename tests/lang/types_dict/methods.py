# dict methods: get, setdefault, pop, popitem, update, keys/values/items, copy, clear, fromkeys.
d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", 0), d.setdefault("c", 3), d.setdefault("a", 99), d)
print(d.pop("b"), d.pop("zz", "dflt"), d.popitem(), d)
d.update({"x": 1}, y=2); d.update([("z", 3)])
print(d, d.copy() == d, d.copy() is d)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0))
print(list(d.keys()), list(d.values()), list(d.items()))
d.clear(); print(d, len(d))
for f in (lambda: d.pop("q"), lambda: d.popitem(), lambda: d["missing"], lambda: d.update(5), lambda: d.update([1])):
    try:
        f()
    except (KeyError, TypeError, ValueError) as e:
        print(type(e).__name__, e)
