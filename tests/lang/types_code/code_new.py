# code.__new__: rebuilding a code object from its parts, and the constructor's argument errors.
def f(a, b=2, *c, d, **e):
    x = a
    def g():
        return x
    return g
co = f.__code__
C = type(co)
parts = [co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount, co.co_nlocals,
         co.co_stacksize, co.co_flags, co.co_code, co.co_consts, co.co_names, co.co_varnames,
         co.co_filename, co.co_name, co.co_qualname, co.co_firstlineno, co.co_linetable,
         co.co_exceptiontable, co.co_freevars, co.co_cellvars]
n = C(*parts)
print(n == co, n.co_varnames, n.co_cellvars, n.co_freevars, n.co_nlocals, n.co_name)
print(type(f)(n, globals(), None, (5,), None, {"d": 7})(1)())
def bad(i, v):
    p = list(parts)
    p[i] = v
    return p
for args in (parts[:15], parts + [()], bad(0, -1), bad(1, -1), bad(2, -1), bad(3, -1),
             bad(0, "x"), bad(6, "s"), bad(7, []), bad(8, (1,)), bad(10, None), bad(14, 5)):
    try:
        print(C(*args))
    except Exception as e:
        print(type(e).__name__, e)
try:
    C(*parts, x=1)
except TypeError as e:
    print(type(e).__name__, e)
