# bool is an int subclass with two singletons; bool() of many values.
print(bool(), bool(0), bool(1), bool(-1), bool(""), bool("0"), bool([]), bool([0]), bool(None), bool(0.0), bool(1e-300))
print(True == 1, False == 0, True is bool(1), isinstance(True, int), issubclass(bool, int), True + 1)
print(repr(True), str(False), True & True, True | False, ~True, -True, hash(True), int.__repr__(True))
print(sum([True, True, False]), [True] * 2, format(True, ""), format(True, "^6"), f"{False!r}")
try:
    class B(bool): pass
except TypeError as e:
    print(type(e).__name__, e)
