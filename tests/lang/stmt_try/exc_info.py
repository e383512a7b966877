# sys.exc_info and sys.exception inside and outside handlers.
import sys
print(sys.exc_info(), sys.exception())
try:
    raise TypeError("t")
except TypeError:
    t, v, tb = sys.exc_info()
    print(t.__name__, v, type(tb).__name__)
    print(sys.exception() is v)
print(sys.exc_info(), sys.exception())
