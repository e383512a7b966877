# Module-level __getattr__ and __dir__ hooks.
import sys
M = type(sys)
m = M("dyn")
m.__getattr__ = lambda name: f"dynamic {name}"
m.__dir__ = lambda: ["b", "a"]
print(m.anything, dir(m))
del m.__getattr__
try:
    m.anything
except AttributeError as e:
    print(type(e).__name__, e)
