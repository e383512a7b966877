# memoryview methods called with wrong argument counts and types.
m = memoryview(b"abcd")
calls = [
    lambda: m.tobytes(1), lambda: m.tobytes("C", "F"), lambda: m.tobytes(x=1), lambda: m.tolist(1),
    lambda: m.hex(1), lambda: m.hex(":", "x"), lambda: m.release(1), lambda: m.toreadonly(1),
    lambda: m.cast(), lambda: m.cast("B", (4,), 1), lambda: m.cast("B", shape=(4,), x=1), lambda: m.cast(b"B"),
    lambda: m.cast("BB"), lambda: m.cast("@B").format, lambda: m.cast("<B"), lambda: m.cast("B", ["4"]),
    lambda: m.cast("B", [2**70]), lambda: m.cast(format="H", shape=[2]).tolist(), lambda: m.cast("B", shape=[]),
    lambda: m.count(), lambda: m.count(1, 2), lambda: m.index(), lambda: m.index(97, "x"), lambda: m.index(1, 2, 3, 4),
    lambda: m.__enter__(1), lambda: m[1:3].cast("H").tolist(), lambda: m.cast("H")[::2].cast("B").tolist(),
    lambda: m.cast("c").count(b"a"), lambda: m.cast("c").index(b"d"), lambda: m.cast("b", (2, 2)).count(1),
    lambda: iter(m.cast("B", (2, 2))), lambda: m.cast("B", (2, 2))[0], lambda: m.cast("B", (2, 2))[1, 1],
    lambda: m.cast("B", (2, 2))[2, 0], lambda: m.cast("B", (2, 2))[0:1].tolist(), lambda: m.cast("B", (2, 2))[::-1].strides, lambda: m.cast("B", (2, 2))[0, 0:1],
    lambda: m.cast("B", (2, 2)) == m.cast("B", (2, 2)), lambda: m.cast("B", (2, 2)) == m, lambda: m.cast("H") == m,
    lambda: m.cast("H") == m.cast("H"), lambda: hash(m.cast("H")), lambda: hash(m.cast("c")) == hash(b"abcd"),
]
for i, f in enumerate(calls):
    try:
        print(i, f())
    except Exception as e:
        print(i, type(e).__name__, e)
w = memoryview(bytearray(4))
for f in (lambda: w.cast("H").__setitem__(0, 65535), lambda: w.cast("H").__setitem__(0, 65536),
          lambda: w.cast("h").__setitem__(1, -1), lambda: w.cast("c").__setitem__(0, b"z"),
          lambda: w.cast("c").__setitem__(0, "z"), lambda: w.cast("?").__setitem__(3, 5),
          lambda: w.cast("B", (2, 2)).__setitem__((1, 0), 9), lambda: w.cast("B", (2, 2)).__setitem__(0, 9),
          lambda: w.cast("f").__setitem__(0, 1.5), lambda: w.cast("f").__setitem__(0, "x"),
          lambda: w.cast("H").__setitem__(slice(0, 2), memoryview(b"abcd").cast("H")),
          lambda: w.cast("H").__setitem__(slice(0, 2), b"abcd")):
    try:
        print(f(), w.tolist())
    except Exception as e:
        print(type(e).__name__, e)
