# Function introspection attributes: __name__, __qualname__, __doc__, __module__, __dict__.
def f(a, b=1, *c, d, e=2, **g):
    "doc string"
    x = 1
    return x
print(f.__name__, f.__qualname__, f.__doc__, f.__module__)
print(f.__defaults__, f.__kwdefaults__)
f.custom = 5
print(f.__dict__)
class C:
    def m(self):
        def inner(): pass
        return inner
print(C.m.__qualname__, C().m().__qualname__)
f.__name__ = "renamed"
print(f.__name__)
try:
    f.__name__ = 5
except TypeError as e:
    print(type(e).__name__, e)
