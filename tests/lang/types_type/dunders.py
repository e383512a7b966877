# type's dunders called explicitly: layout attributes as types, checks, __call__, __new__, __dir__, __or__.
class A:
    pass
class B(A):
    pass
for name in ("__basicsize__", "__itemsize__", "__dictoffset__", "__weakrefoffset__", "__flags__"):
    print(name, type(getattr(A, name)).__name__, type(getattr(int, name)).__name__)
print(int.__itemsize__ > 0 or int.__itemsize__ == 0, object.__dictoffset__, object.__weakrefoffset__)
print(type.__instancecheck__(A, B()), type.__instancecheck__(B, A()), type.__subclasscheck__(A, B), type.__subclasscheck__(B, A))
print(A.__instancecheck__(1), A.__subclasscheck__(bool), int.__subclasscheck__(bool))
try:
    type.__subclasscheck__(A, 1)
except TypeError as e:
    print(type(e).__name__, e)
print(type.__call__(A).__class__.__name__, type.__call__(int, "7"), A.__call__().__class__.__name__)
C = type.__new__(type, "C", (A,), {"x": 1})
print(C.__name__, C.__bases__[0].__name__, C.x, [k.__name__ for k in C.__mro__])
print(type.__repr__(A).endswith("A'>"), type.__repr__(int), repr(type))
print(type(type.__sizeof__(A)).__name__, type.__sizeof__(A) > 0)
d = type.__dir__(B)
print(type(d).__name__, "__init__" in d, "mro" in d)
print(type.__getattribute__(A, "__name__"), type.__getattribute__(int, "real").__class__.__name__)
type.__setattr__(A, "y", 2)
print(B.y)
type.__delattr__(A, "y")
print(hasattr(B, "y"))
print(A.__bases__ == (object,), B.__mro__ == (B, A, object), type.__bases__, type.__mro__)
print(int | None, type.__or__(int, str), type.__ror__(int, str), type.__or__(int, 1), type.__ror__(int, 1))
print(type.__text_signature__ is None or type(type.__text_signature__).__name__, A.__text_signature__, int.__text_signature__)
print(A.__type_params__, type.__dict__["__type_params__"].__class__.__name__)
class G[T, *Ts, **P]:
    pass
print(G.__type_params__)
for bad in (lambda: type.__setattr__(int, "y", 1), lambda: type.__delattr__(A, "nope"),
            lambda: type.__getattribute__(A, "nope"), lambda: type.__call__(),
            lambda: type.__new__(type, "X"), lambda: type.__new__(1, "X", (), {}),
            lambda: type.__instancecheck__(A), lambda: type.__dir__(A, 1),
            lambda: type.__getattribute__(A, 1), lambda: setattr(A, "__bases__", ()),
            lambda: setattr(A, "__type_params__", 5), lambda: type.__sizeof__(1)):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
