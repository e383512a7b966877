# module's __setattr__ / __delattr__ are object's, inherited (module defines neither itself).
import sys

M = type(sys)
print("__setattr__" in M.__dict__, "__delattr__" in M.__dict__)
print(M.__setattr__ is object.__setattr__, M.__delattr__ is object.__delattr__)


def show(f, *args):
    try:
        r = f(*args)
        print("ok", r)
    except Exception as e:
        print(type(e).__name__, e)


m = M("m")
show(M.__setattr__, m, "x", 1)
print(m.x)
show(M.__delattr__, m, "x")
show(M.__delattr__, m, "x")
show(M.__delattr__, 1, "ab")
show(M.__delattr__, {}, "x")
show(M.__delattr__, None, 1)
show(M.__setattr__, m, 1, 2)
show(M.__setattr__, m)
show(setattr, m, 1, 2)
show(delattr, m, "nothing")
show(M, None)
show(M, 1)
show(M.__init__, m, None)


class Sub(M):
    def __setattr__(self, name, value):
        print("Sub.__setattr__", name)
        super().__setattr__(name, value)


s = Sub("s")
s.y = 3
print(s.y, sorted(k for k in s.__dict__ if not k.startswith("__")))
del s.y
show(getattr, s, "y")
