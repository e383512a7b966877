# __init_subclass__ runs for each subclass, with class keyword arguments.
class Plugin:
    registry = []
    def __init_subclass__(cls, name=None, **kw):
        super().__init_subclass__(**kw)
        Plugin.registry.append(name or cls.__name__)
class A(Plugin): pass
class B(Plugin, name="bee"): pass
class C(B): pass
print(Plugin.registry)
try:
    class D(Plugin, bogus=1, name="d"): pass
except TypeError as e:
    print(type(e).__name__, e)
