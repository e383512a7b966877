# classmethod/staticmethod: __class_getitem__ (generic aliases) and __repr__ called explicitly.
class Named:
    def __repr__(self):
        return "Named()"
print(classmethod.__class_getitem__(int), staticmethod.__class_getitem__((int, str)))
print(type(classmethod[int]).__name__, classmethod[int].__origin__ is classmethod, staticmethod[str].__args__)
print(classmethod(Named()).__repr__(), staticmethod(Named()).__repr__())
print(repr(classmethod(len)), repr(staticmethod(abs)))
class Sub(classmethod):
    pass
print(repr(Sub(Named())), Sub.__class_getitem__(int))
try:
    classmethod.__class_getitem__()
except TypeError as e:
    print(type(e).__name__, e)
