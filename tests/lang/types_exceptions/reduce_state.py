# __reduce__/__getstate__ state of AttributeError, ImportError, OSError and plain exceptions with an instance dict.
e = AttributeError("m", name="n", obj=5)
print(e.__reduce__(), e.__getstate__())
e = AttributeError()
print(e.__reduce__(), e.__getstate__())
e.x = 1
print(e.__reduce__(), e.__getstate__())
e = ImportError("m", name=None)
print(e.__reduce__())
e = ImportError("m")
e.y = 2
print(e.__reduce__())
e = OSError(2, "x", "f")
e.z = 1
print(e.__reduce__())
e = OSError(2, "x")
print(e.__reduce__())
e = ValueError()
print(e.__reduce__())
e.q = 1
print(e.__reduce__())
print(e.__getstate__())
print(type(e).__getstate__ is object.__getstate__, "__getstate__" in dir(AttributeError))
e = AttributeError()
e.extra = [1]
print(e.__getstate__(), e.__reduce__())
try:
    e.__getstate__(1)
except TypeError as err:
    print(type(err).__name__, err)
