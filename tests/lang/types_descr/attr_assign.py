# Assigning and deleting the attributes of property, classmethod and staticmethod: read-only members, __name__, __doc__, __dict__.
def show(label, f, *args):
    try:
        r = f(*args)
        print(label, "ok", repr(r) if not callable(r) else type(r).__name__)
    except Exception as e:
        print(label, type(e).__name__, e)


for T in (property, classmethod, staticmethod):
    print(T.__name__, sorted((k, type(v).__name__) for k, v in T.__dict__.items()
                             if type(v).__name__ in ("member_descriptor", "getset_descriptor")))

p = property(len, doc="d")
for name in ("fget", "fset", "fdel"):
    show("set " + name, setattr, p, name, abs)
    show("del " + name, delattr, p, name)
    show("get " + name, getattr, p, name)
show("set doc", setattr, p, "__doc__", 5)
show("get doc", getattr, p, "__doc__")
show("del doc", delattr, p, "__doc__")
show("get doc", getattr, p, "__doc__")
for v in (None, 1, "a"):
    show("set name", setattr, p, "__name__", v)
    show("get name", getattr, p, "__name__")
show("del name", delattr, p, "__name__")
show("get name", getattr, p, "__name__")
show("del name again", delattr, p, "__name__")
q = property()
show("del q name", delattr, q, "__name__")
show("get q name", getattr, q, "__name__")

for T in (classmethod, staticmethod):
    empty = T.__new__(T)
    show("empty __func__", getattr, empty, "__func__")
    show("empty __wrapped__", getattr, empty, "__wrapped__")
    w = T(len)
    for name in ("__func__", "__wrapped__"):
        show("set " + name, setattr, w, name, abs)
        show("del " + name, delattr, w, name)
        show("get " + name, getattr, w, name)
    show("set dict", setattr, w, "__dict__", {"a": 1})
    show("get a", getattr, w, "a")
    show("set dict bad", setattr, w, "__dict__", 1)
    show("set dict None", setattr, w, "__dict__", None)
    show("del dict", delattr, w, "__dict__")
    show("get dict", getattr, w, "__dict__")
