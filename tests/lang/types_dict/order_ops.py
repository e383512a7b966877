# dicts keep insertion order; | and |= merge; equality ignores order; reversed().
d = {}
for k in ("z", "a", "m"):
    d[k] = len(d)
print(d, list(reversed(d)), list(reversed(d.items())))
d["a"] = 100
del d["z"]
d["z"] = 0
print(d)
e = {"m": -1, "n": 5}
print(d | e, e | d, {1: 1, 2: 2} == {2: 2, 1: 1})
d |= e
print(d)
print(dict(a=1, b=2), dict([(1, 2)]), dict({"k": "v"}, k2="v2"), dict(zip("ab", range(2))))
try:
    dict([(1, 2, 3)])
except ValueError as e:
    print(type(e).__name__, e)
