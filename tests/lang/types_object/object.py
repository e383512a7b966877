# object(): attributes, default dunders, no instance __dict__, comparison defaults.
o = object()
print(type(o).__name__, o == o, o != object(), o.__eq__(1), o.__ne__(o), hash(o) == hash(o), bool(o))
try:
    o.x = 1
except AttributeError as e:
    print(type(e).__name__, e)
try:
    object(1)
except TypeError as e:
    print(type(e).__name__, e)
print(object.__name__, object.__bases__, object.__mro__ == (object,), type(object.__init__).__name__, "__dict__" in dir(object))
print(sorted(n for n in dir(object) if not n.startswith("__init")))
