# property objects: fget/fset/fdel/__doc__, getter/setter/deleter copies.
p = property(lambda s: 1, doc="the doc")
print(type(p).__name__, p.__doc__, p.fset, p.fdel, p.fget is not None)
def setter(s, v): pass
p2 = p.setter(setter)
print(p2 is p, p2.fset is setter, p.fset)
class C:
    x = p2
c = C()
print(c.x)
c.x = 5
try:
    del c.x
except AttributeError as e:
    print(type(e).__name__, e)
class D:
    @property
    def ro(self): return 1
try:
    D().ro = 2
except AttributeError as e:
    print(type(e).__name__, e)
