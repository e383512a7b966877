# del of subscripts, slices, attributes and tuples of targets.
l = list(range(10))
del l[0]
del l[-1]
del l[2:5]
del l[::2]
print(l)
d = {"a": 1, "b": 2, "c": 3}
del d["a"], d["c"]
print(d)
class C: pass
c = C()
c.x = 1
del c.x
print(hasattr(c, "x"))
try:
    del c.x
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del d["zz"]
except KeyError as e:
    print(type(e).__name__, e)
