# property.getter/setter/deleter copies and __get__/__set__/__delete__/__set_name__ called directly.
class C:
    def __init__(self):
        self._v = 0
def g(self):
    return self._v
def s(self, v):
    self._v = v
def d(self):
    self._v = None
p = property(g)
p2 = p.setter(s).deleter(d)
p3 = p2.getter(lambda self: ("new", self._v))
print(p.fset, p2.fset is s, p2.fdel is d, p3.fget is g, p3.fset is s, p3.fdel is d)
c = C()
print(p2.__get__(c), p2.__get__(None, C) is p2, p2.__get__(c, C))
p2.__set__(c, 7)
print(c._v, p3.__get__(c))
p2.__delete__(c)
print(c._v)
for bad in (lambda: p.__set__(c, 1), lambda: p.__delete__(c), lambda: p.__get__(),
            lambda: p.__get__(None, None), lambda: p2.__set__(c), lambda: p.getter(),
            lambda: p.setter(1, 2), lambda: p.deleter()):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
q = property(g)
q.__set_name__(C, "named")
print(q.__name__)
try:
    q.__set__(c, 1)
except AttributeError as e:
    print(type(e).__name__, e)
class D:
    @property
    def val(self):
        "val doc"
        return 1
    @val.setter
    def val(self, v):
        pass
print(D.val.__doc__, D.val.__name__, D.__dict__["val"].fset.__name__)
print(property.__isabstractmethod__.__class__.__name__, p.__isabstractmethod__)
def abstract(self):
    pass
abstract.__isabstractmethod__ = True
print(property(abstract).__isabstractmethod__, property(g, abstract).__isabstractmethod__, property(None, None, abstract).__isabstractmethod__)
