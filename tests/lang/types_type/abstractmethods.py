# type.__abstractmethods__: absent by default, set/get/del, and instantiation blocked when non-empty.
class A:
    pass
try:
    A.__abstractmethods__
except AttributeError as e:
    print(type(e).__name__, e)
A.__abstractmethods__ = frozenset({"f"})
print(A.__abstractmethods__)
try:
    A()
except TypeError as e:
    print(type(e).__name__, e)
A.__abstractmethods__ = ["g", "f"]
try:
    A()
except TypeError as e:
    print(type(e).__name__, e)
A.__abstractmethods__ = ()
print(type(A()).__name__)
del A.__abstractmethods__
try:
    del A.__abstractmethods__
except AttributeError as e:
    print(type(e).__name__, e)
print(type(A()).__name__)
try:
    type.__abstractmethods__
except AttributeError as e:
    print(type(e).__name__, e)
try:
    int.__abstractmethods__ = frozenset()
except TypeError as e:
    print(type(e).__name__, e)
class P:
    @property
    def v(self):
        return 1
    v.fget.__isabstractmethod__ = True
print(P.__dict__["v"].__isabstractmethod__)
