# Code object attributes: co_consts, co_names, co_stacksize, co_linetable, co_exceptiontable.
def f(a, b):
    x = a.real + len(b)
    try:
        y = x * 2
    except ValueError:
        y = None
    return (x, y, "s", 1.5)
c = f.__code__
print(c.co_consts, c.co_names, c.co_stacksize, c.co_nlocals)
print(type(c.co_linetable).__name__, c.co_linetable.hex())
print(type(c.co_exceptiontable).__name__, c.co_exceptiontable.hex())
print(c.co_code.hex())
def g():
    return 1
print(g.__code__.co_consts, g.__code__.co_names, g.__code__.co_stacksize, g.__code__.co_exceptiontable)
print((lambda: None).__code__.co_consts, (lambda x: x.y.z).__code__.co_names)
