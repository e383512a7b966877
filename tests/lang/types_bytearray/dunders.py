# bytearray dunders called explicitly: arithmetic, in-place, comparisons, items, reduce, alloc.
ba = bytearray(b"abc")
calls = [
    lambda: bytearray.__add__(ba, b"d"), lambda: bytearray.__add__(ba, memoryview(b"m")), lambda: bytearray.__add__(ba, "x"),
    lambda: bytearray.__mul__(ba, 2), lambda: bytearray.__rmul__(ba, 0), lambda: bytearray.__mul__(ba, 1.5),
    lambda: bytearray.__mod__(bytearray(b"%s!"), b"x"), lambda: bytearray.__rmod__(ba, b"%s"), lambda: bytearray.__rmod__(ba, 1),
    lambda: bytearray.__contains__(ba, 97), lambda: bytearray.__contains__(ba, b"bc"), lambda: bytearray.__contains__(ba, 999),
    lambda: bytearray.__eq__(ba, b"abc"), lambda: bytearray.__ne__(ba, "abc"), lambda: bytearray.__lt__(ba, b"b"),
    lambda: bytearray.__le__(ba, b"abc"), lambda: bytearray.__gt__(ba, b"a"), lambda: bytearray.__ge__(ba, None),
    lambda: bytearray.__getitem__(ba, -1), lambda: bytearray.__getitem__(ba, slice(None, None, -1)),
    lambda: bytearray.__getitem__(ba, 7), lambda: bytearray.__len__(ba), lambda: list(bytearray.__iter__(ba)),
    lambda: bytearray.__repr__(ba), lambda: bytearray.__str__(ba), lambda: bytearray.__hash__,
    lambda: bytearray.__reduce__(ba), lambda: ba.__reduce_ex__(2), lambda: ba.__reduce_ex__(4),
    lambda: ba.__alloc__() >= len(ba) + 1, lambda: bytearray().__alloc__(), lambda: ba.__sizeof__() > 0,
    lambda: bytearray.__new__(bytearray).__class__.__name__, lambda: bytearray.__new__(bytearray, b"ignored"),
    lambda: bytearray.__new__(int), lambda: bytearray.__buffer__(ba, 0).tolist(), lambda: ba.__format__(""),
]
for i, f in enumerate(calls):
    try:
        print(i, f())
    except Exception as e:
        print(i, type(e).__name__, e)
x = bytearray(b"xy")
y = x
x.__init__(b"new")
print(x, y is x)
x.__init__()
print(x)
x.__init__(3)
print(x)
x.__init__("é", "utf-8")
print(x)
r = x.__iadd__(b"!")
print(r is x, x)
r = x.__imul__(2)
print(r is x, x)
for f in (lambda: x.__iadd__(1), lambda: x.__imul__("a"), lambda: x.__init__(1, 2), lambda: x.__init__("s"),
          lambda: x.__setitem__(0, 300), lambda: x.__delitem__(10), lambda: x.__delitem__(slice(0, 1)),
          lambda: x.__setitem__(slice(0, 2), [65, 66]), lambda: x.__alloc__(1)):
    try:
        print(f(), x)
    except Exception as e:
        print(type(e).__name__, e)
class B(bytearray):
    pass
s = B(b"sub")
s.attr = 5
print(s.__reduce_ex__(2)[0].__name__, s.__reduce_ex__(2)[1], s.__reduce_ex__(2)[2], s.__reduce__()[2])
