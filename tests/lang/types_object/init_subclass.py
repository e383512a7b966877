# object.__init_subclass__ and __subclasshook__: defaults, keyword forwarding, errors.
print(object.__init_subclass__(), object.__subclasshook__(int))
try:
    object.__subclasshook__()
except TypeError as e:
    print(type(e).__name__, e)
class Base:
    seen = []
    def __init_subclass__(cls, tag=None, **kw):
        super().__init_subclass__(**kw)
        Base.seen.append((cls.__name__, tag))
class A(Base, tag="a"):
    pass
class B(A):
    pass
print(Base.seen)
try:
    class C(Base, tag="c", other=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    class D(other=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    object.__init_subclass__(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    object.__init_subclass__(x=1)
except TypeError as e:
    print(type(e).__name__, e)
class Hook:
    @classmethod
    def __subclasshook__(cls, sub):
        return hasattr(sub, "quack")
print(Hook.__subclasshook__(int), object.__subclasshook__.__self__ is object, A.__subclasshook__(B))
print(type(object.__dict__["__init_subclass__"]).__name__, type(object.__dict__["__subclasshook__"]).__name__)
