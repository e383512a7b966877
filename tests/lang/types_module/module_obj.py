# Module objects: __name__, __dict__, attribute access, type(module) construction.
import sys
print(type(sys).__name__, sys.__name__, __name__, "sys" in sys.modules, sys.modules["sys"] is sys)
M = type(sys)
m = M("mymod", "my doc")
print(m.__name__, m.__doc__, repr(m), sorted(k for k in vars(m)))
m.x = 5
print(m.x, m.__dict__["x"])
try:
    m.missing
except AttributeError as e:
    print(type(e).__name__, e)
this = sys.modules[__name__]
print(this.__name__, type(this).__name__)
