# frame.__repr__ names the file, line and code; frame.__sizeof__ is an int.
import sys
def f():
    return sys._getframe()
fr = f()
r = fr.__repr__()
print(r.split(" at 0x")[0], r.split(", ")[1].split("/")[-1], r.split(", ")[2:])
print(type(fr.__sizeof__()).__name__, fr.__sizeof__() > 0)
here = sys._getframe().__repr__()
print(here.split(", ")[2:], here.startswith("<frame at 0x"))
