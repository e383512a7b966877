# __subclasshook__-free structural check implemented with a metaclass.
class HasLenMeta(type):
    def __instancecheck__(cls, obj):
        return hasattr(type(obj), "__len__")
class Sized(metaclass=HasLenMeta):
    pass
print([isinstance(v, Sized) for v in ([], "", 5, {}, None, range(2))])
