# Arity errors of builtin methods name the owner by its __qualname__ (nested classes keep their "<locals>" path).
import sys


def make():
    class Plain:
        def method(self):
            return 1
    return Plain


P = make()


def show(f, *args, **kw):
    try:
        r = f(*args, **kw)
        print("ok", type(r).__name__)
    except Exception as e:
        print(type(e).__name__, e)


show(P.mro, 1)
show(P.__subclasses__, 1)
show(P.__instancecheck__)
show(P.__instancecheck__, 1, 2)
show(P.__subclasscheck__)
show(P.__subclasshook__)
show(P.__init_subclass__, 1)
show(P().__sizeof__, 1)
show(P().__dir__, 1)
show(P().__reduce__, 1)
show(P().__sizeof__, x=1)
show(P.mro, x=1)
show(object.__sizeof__)
show(int.bit_length)
show(type.mro)
show(type.__dict__["mro"], P, 1)
show(dict.__dict__["get"], {}, 1, 2, 3)
show(sys.getrecursionlimit, 1)
show(len)
show([].append)
show({}.keys, 1)


class Outer:
    class Inner(dict):
        pass


show(Outer.Inner().clear, 1)
show(Outer.Inner.fromkeys)
show(Outer.Inner.mro, 1)
