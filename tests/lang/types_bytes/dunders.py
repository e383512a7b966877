# bytes dunders called explicitly, including NotImplemented results and %-formatting.
b = b"abc"
calls = [
    lambda: bytes.__add__(b, b"d"), lambda: bytes.__add__(b, bytearray(b"e")), lambda: bytes.__add__(b, "x"),
    lambda: bytes.__mul__(b, 2), lambda: bytes.__rmul__(b, 3), lambda: bytes.__mul__(b, "x"),
    lambda: bytes.__mod__(b"%d-%s", (1, b"x")), lambda: bytes.__rmod__(b"x", b"%s"), lambda: bytes.__rmod__(b, 5),
    lambda: bytes.__contains__(b, 98), lambda: bytes.__contains__(b, b"bc"), lambda: bytes.__contains__(b, "a"),
    lambda: bytes.__eq__(b, b"abc"), lambda: bytes.__eq__(b, "abc"), lambda: bytes.__ne__(b, b"x"),
    lambda: bytes.__lt__(b, b"abd"), lambda: bytes.__le__(b, b"abc"), lambda: bytes.__gt__(b, b"ab"),
    lambda: bytes.__ge__(b, 1), lambda: bytes.__getitem__(b, 1), lambda: bytes.__getitem__(b, slice(1, None)),
    lambda: bytes.__getitem__(b, "k"), lambda: bytes.__len__(b), lambda: list(bytes.__iter__(b)),
    lambda: bytes.__hash__(b) == hash(b), lambda: bytes.__getnewargs__(b), lambda: bytes.__repr__(b),
    lambda: bytes.__str__(b), lambda: bytes.__bytes__(b), lambda: bytes.__bytes__(b) is b,
    lambda: bytes.__new__(bytes, b"q"), lambda: bytes.__new__(bytes, 3), lambda: bytes.__new__(int),
    lambda: bytes.__new__(bytes, "s", "ascii"), lambda: bytes.__buffer__(b, 0).tobytes(),
    lambda: b.__reduce_ex__(2)[1], lambda: b.__format__(""), lambda: b.__format__("x"),
    lambda: b.__sizeof__() > 0, lambda: bytes.__add__(1, b), lambda: bytes.__len__(),
    lambda: bytes.__getnewargs__(b"", 1), lambda: bytes.__bytes__(bytearray()),
]
for i, f in enumerate(calls):
    try:
        print(i, f())
    except Exception as e:
        print(i, type(e).__name__, e)
