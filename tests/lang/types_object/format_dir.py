# object.__format__ with empty and non-empty specs, and object.__dir__ with and without a __dict__.
class P:
    def __str__(self):
        return "pstr"
p = P()
print(object.__format__(p, ""), format(p), f"{p}", p.__format__(""))
for spec in (">5", "s", "x"):
    try:
        print(object.__format__(p, spec))
    except TypeError as e:
        print(type(e).__name__, e)
for bad in (lambda: object.__format__(p, 5), lambda: object.__format__(p), lambda: format(object(), "d")):
    try:
        print(bad())
    except TypeError as e:
        print(type(e).__name__, e)
class D:
    cls_attr = 1
    def meth(self):
        pass
d = D()
d.inst = 2
names = object.__dir__(d)
print(type(names).__name__, "inst" in names, "cls_attr" in names, "meth" in names, "__class__" in names)
print(sorted(dir(d)) == sorted(set(names)), d.__dir__() == names or sorted(d.__dir__()) == sorted(names))
o = object()
print("__eq__" in o.__dir__(), "__dict__" in o.__dir__())
class Custom:
    def __dir__(self):
        return ["b", "a", "c"]
print(dir(Custom()))
class BadDir:
    def __dir__(self):
        return 5
try:
    dir(BadDir())
except TypeError as e:
    print(type(e).__name__, e)
try:
    object.__dir__()
except TypeError as e:
    print(type(e).__name__, e)
