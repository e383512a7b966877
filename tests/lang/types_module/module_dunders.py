# Module dunders: __repr__ forms, __dir__, __getattr__ hook, __init__/__new__, __annotations__.
import sys
M = type(sys)
m = M("mm")
print(repr(m), m.__repr__(), repr(M("with doc", "d")))
m.__file__ = "/x/y.py"
print(repr(m))
del m.__file__
m.__spec__ = None
m.__loader__ = None
print(repr(m))
print(sorted(m.__dir__()), sorted(dir(m)) == sorted(m.__dir__()))
m.__dir__ = lambda: ["z", "a"]
print(dir(m))
m2 = M("hook")
m2.__getattr__ = lambda name: "got " + name
print(m2.anything, getattr(m2, "other"))
m2.__getattr__ = lambda name: (_ for _ in ()).throw(AttributeError("custom " + name))
try:
    m2.missing
except AttributeError as e:
    print(type(e).__name__, e)
print(m2.__getattribute__("__name__"))
try:
    m2.__getattribute__("nope")
except AttributeError as e:
    print(type(e).__name__, e)
m3 = M.__new__(M)
print(m3.__dict__, repr(M.__new__(M)).startswith("<module '?'"))
M.__init__(m3, "init", "doc3")
print(m3.__name__, m3.__doc__, sorted(m3.__dict__))
print(m3.__annotations__, m3.__annotate__)
m3.__annotations__ = {"a": int}
print(m3.__annotations__)
m3.__annotate__ = lambda fmt: {"b": fmt}
print(m3.__annotate__(1))
for bad in (lambda: M(), lambda: M(1), lambda: M("a", "b", "c"), lambda: M.__init__(m3),
            lambda: setattr(m3, "__annotate__", 5), lambda: M(name="n", doc=1).__doc__):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
