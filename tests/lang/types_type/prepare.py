# type.__prepare__: returns a fresh dict, accepts any arguments; metaclass __prepare__ customisation.
ns = type.__prepare__()
print(type(ns).__name__, ns, type.__prepare__("N", (), x=1), type.__prepare__(1, 2, 3, k=4))
print(type.__prepare__() is not type.__prepare__())
class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, [b.__name__ for b in bases], kw)
        d = super().__prepare__(name, bases, **kw)
        d["injected"] = 42
        return d
    def __new__(mcls, name, bases, ns, **kw):
        return super().__new__(mcls, name, bases, ns)
class K(metaclass=Meta, flag=True):
    pass
print(K.injected)
class BadMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return 5
try:
    class L(metaclass=BadMeta):
        pass
except TypeError as e:
    print(type(e).__name__, e)
