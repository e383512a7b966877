# An exception in __del__ cannot propagate: it goes to sys.unraisablehook with the deallocator named.
import sys
def hook(u):
    print("hook:", u.exc_type.__name__, u.exc_value, "|", u.err_msg.split(" at 0x")[0], "|", u.object)
sys.unraisablehook = hook
class A:
    def __del__(self):
        raise ValueError("from del")
a = A()
del a
print("after del")
try:
    x = A()
    x = None
    raise KeyError("outer")
except KeyError as e:
    print("outer exception kept:", repr(e))
