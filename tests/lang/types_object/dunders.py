# object's dunders called explicitly: comparisons, hash, repr/str, attribute access, sizeof, class.
class P:
    pass
p = P()
q = P()
for name in ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"):
    f = getattr(object, name)
    print(name, f(p, p), f(p, q), f(p, 1))
print(object.__hash__(p) == hash(p), type(object.__hash__(p)).__name__)
print(object.__repr__(p).startswith("<__main__.P object at 0x"), object.__str__(p) == object.__repr__(p))
print(object.__dict__["__class__"].__get__(p).__name__, p.__class__.__name__, object().__class__ is object)
object.__setattr__(p, "a", 1)
print(object.__getattribute__(p, "a"), p.a)
object.__delattr__(p, "a")
print(hasattr(p, "a"))
for call in (lambda: object.__getattribute__(p, "a"), lambda: object.__delattr__(p, "a"),
             lambda: object.__setattr__(object(), "a", 1), lambda: object.__getattribute__(p, 5),
             lambda: object.__setattr__(p, 5, 1), lambda: object.__delattr__(p, 5),
             lambda: object.__setattr__(int, "x", 1), lambda: object.__eq__(p),
             lambda: object.__hash__(), lambda: object.__repr__(), lambda: object.__sizeof__(p, 1)):
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
print(type(object.__sizeof__(p)).__name__, object.__sizeof__(p) > 0, p.__sizeof__() > 0)
class Q:
    __slots__ = ("a",)
print(Q().__sizeof__() > 0)
print(object.__lt__(1, 2), object.__eq__(1, 1), object.__ne__(1, 2))
p.__class__ = P
class R:
    pass
p.__class__ = R
print(type(p).__name__)
try:
    p.__class__ = int
except TypeError as e:
    print(type(e).__name__, e)
try:
    p.__class__ = 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    object().__class__ = P
except TypeError as e:
    print(type(e).__name__, e)
