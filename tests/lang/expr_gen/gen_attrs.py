# Generator introspection: __name__, __qualname__, gi_yieldfrom, gi_suspended.
def inner():
    yield 1
def outer():
    yield from inner()
g = outer()
print(g.__name__, g.__qualname__, g.gi_yieldfrom, g.gi_suspended)
next(g)
print(type(g.gi_yieldfrom).__name__, g.gi_suspended, g.gi_frame.f_lineno)
g.__name__ = "renamed"
print(g.__name__)
