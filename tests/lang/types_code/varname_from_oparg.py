# code._varname_from_oparg(oparg): a C int argument (through __index__), IndexError outside the names.
def f(a, b):
    c = a + b
    return lambda: c


co = f.__code__


class Idx:
    def __index__(self):
        return 1


for arg in (0, 1, 2, True, Idx(), -1, 99, 2 ** 31, -2 ** 31 - 1, 2 ** 70, 1.0, None, "0"):
    try:
        print(co._varname_from_oparg(arg))
    except Exception as e:
        print(type(e).__name__, e)
try:
    co._varname_from_oparg()
except Exception as e:
    print(type(e).__name__, e)
try:
    print(co._varname_from_oparg(oparg=0))
except Exception as e:
    print(type(e).__name__, e)
