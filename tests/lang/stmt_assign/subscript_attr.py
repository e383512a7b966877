# Assignment to subscripts, slices and attributes.
class C:
    pass
o = C()
o.x = 5
o.y = o.x * 2
print(o.x, o.y)
l = [0, 1, 2, 3, 4]
l[1] = 10
l[-1] = 40
l[2:4] = ["a", "b", "c"]
print(l)
d = {}
d["k"] = 1
d[1, 2] = "tuple"
print(sorted(d.items(), key=repr))
l[::2] = [7, 7, 7]
print(l)
