# Builtin descriptors: __name__ / __objclass__ are read-only members; method, wrapper and member descriptors reduce to getattr(objclass, name).
class C:
    __slots__ = ("s",)


def show(label, f, *args):
    try:
        r = f(*args)
        if type(r) is tuple and len(r) == 2:
            print(label, "ok", r[0].__name__, r[1][0].__name__, r[1][1])
        else:
            print(label, "ok", repr(r) if not isinstance(r, type) else r.__name__)
    except Exception as e:
        print(label, type(e).__name__, e)


descrs = [("method", dict.__dict__["get"]), ("classmethod", dict.__dict__["fromkeys"]),
          ("wrapper", int.__dict__["__add__"]), ("getset", type.__dict__["__name__"]),
          ("member", C.__dict__["s"]), ("function member", type(show).__dict__["__globals__"])]
for label, d in descrs:
    T = type(d)
    print(T.__name__, sorted((k, type(v).__name__) for k, v in T.__dict__.items()
                             if k in ("__name__", "__objclass__", "__qualname__", "__reduce__")))
    show(label + " reduce", d.__reduce__)
    show(label + " reduce_ex", d.__reduce_ex__, 2)
    show(label + " name", getattr, d, "__name__")
    show(label + " objclass", getattr, d, "__objclass__")
    show(label + " qualname", getattr, d, "__qualname__")
    for attr in ("__name__", "__objclass__", "__qualname__"):
        show(label + " set " + attr, setattr, d, attr, "x")
        show(label + " del " + attr, delattr, d, attr)
r = dict.__dict__["get"].__reduce__()
print(r[0](*r[1]) is dict.__dict__["get"])
r = C.__dict__["s"].__reduce__()
print(r[0](*r[1]) is C.__dict__["s"])
