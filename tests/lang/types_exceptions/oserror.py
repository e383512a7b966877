# OSError: errno -> subclass mapping, attribute forms, str() with filenames, characters_written, filename2, __reduce__.
cases = [(), ("x",), (2, "No such file"), (2, "No such file", "a.txt"),
         (17, "exists", "a", None, "b"), (13, "denied", "f", 5), (1, 2, 3, 4, 5, 6),
         (11, "again"), (32, "pipe"), (4, "intr"), (3, "srch"), (20, "notdir"), (21, "isdir"),
         (111, "refused"), (104, "reset"), (110, "timeout"), (10, "child"), (999, "unknown")]
for args in cases:
    e = OSError(*args)
    print(type(e).__name__, e.args, e.errno, e.strerror, e.filename, e.filename2, str(e))
e = OSError(2, "No such file", "a", None, "b")
print(repr(e), e.__reduce__())
e = FileNotFoundError(2, "gone", "x")
print(e.__reduce__(), repr(e))
e = OSError(2, "two", "one_file")
print(e.__reduce__())
e = OSError("plain")
print(e.__reduce__())
try:
    print(e.characters_written)
except AttributeError as err:
    print(type(err).__name__, err)
e.characters_written = 5
print(e.characters_written)
del e.characters_written
try:
    del e.characters_written
except AttributeError as err:
    print(type(err).__name__, err)
try:
    e.characters_written = "x"
except TypeError as err:
    print(type(err).__name__, err)
b = BlockingIOError(11, "blocked", 7)
print(b.characters_written, b.args, b.filename, str(b))
e.errno = 5
e.strerror = "s"
e.filename = "f"
e.filename2 = "g"
print(e.errno, e.strerror, e.filename, e.filename2, str(e), e.args)
print(IOError is OSError, EnvironmentError is OSError)
e = OSError.__new__(OSError, 2, "x")
print(type(e).__name__, e.args)
e = OSError.__new__(FileNotFoundError, 13, "x")
print(type(e).__name__, e.args, e.errno)
class MyOSError(OSError):
    pass
print(type(MyOSError(2, "x")).__name__)
e = OSError(2, "x")
e.__init__(13, "y", "z")
print(e.args, e.errno, e.filename)
print(type(OSError(2, "x", "a", 3, "b")).__name__)
e = ConnectionError(111, "x")
print(type(e).__name__)
