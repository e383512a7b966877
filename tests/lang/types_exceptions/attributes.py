# Specific exception attributes: StopIteration.value, SystemExit.code, KeyError, OSError errno, ImportError name, NameError name.
print(StopIteration(5).value, StopIteration().value, SystemExit(3).code, SystemExit().code, SystemExit(1, 2).code)
e = OSError(2, "No such file")
print(e.errno, e.strerror, e.filename, str(e), type(OSError(2, "x")).__name__)
e = OSError(2, "No such file", "f.txt")
print(str(e), repr(e))
ie = ImportError("msg", name="mod", path="/p")
print(ie.name, ie.path, ie.msg, str(ie))
try:
    undefined_variable_x
except NameError as ne:
    print(ne.name)
try:
    None.foo
except AttributeError as ae:
    print(ae.name, ae.obj)
u = UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
print(u.encoding, u.object, u.start, u.end, u.reason, str(u))
