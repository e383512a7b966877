# property.__new__ and __init__ called explicitly, doc handling, keyword arguments and errors.
p = property.__new__(property)
print(p.fget, p.fset, p.fdel, p.__doc__)
property.__init__(p, len, None, None, "d")
print(p.fget is len, p.__doc__)
p.__init__(fget=abs, doc=None)
print(p.fget is abs, p.__doc__ == abs.__doc__)
def f(self):
    "f doc"
print(property(f).__doc__, property(f, doc="x").__doc__, property(doc="only").__doc__)
class Sub(property):
    pass
sp = Sub(f)
print(type(sp).__name__, sp.__doc__, type(sp.setter(f)).__name__)
for bad in (lambda: property(1, 2, 3, 4, 5), lambda: property(bogus=1), lambda: property.__init__(1),
            lambda: property.__new__(int), lambda: property(1).__get__(5)):
    try:
        print(bad())
    except TypeError as e:
        print(type(e).__name__, e)
