# Code object attributes: co_name, co_filename, co_firstlineno, co_argcount, co_flags, co_consts.
def f(a, b, /, c, *args, d, **kw):
    x = a + 1
    return x
c = f.__code__
print(type(c).__name__, c.co_name, c.co_qualname, c.co_filename.rsplit("/", 1)[-1], c.co_firstlineno)
print(c.co_argcount, c.co_posonlyargcount, c.co_kwonlyargcount, c.co_nlocals, c.co_varnames)
print(bool(c.co_flags & 0x04), bool(c.co_flags & 0x08), bool(c.co_flags & 0x20), type(c.co_code).__name__)
def gen(): yield
print(bool(gen.__code__.co_flags & 0x20), c.co_cellvars, c.co_freevars, c.replace(co_name="g").co_name)
