# bytes.rindex and bytes.rpartition.
b = b"one.two.three"
print(b.rindex(b"."), b.rindex(111), b.rindex(b"t", 0, 6), b.rindex(b""), b.rindex(b"o", -7))
for a in ((b"x",), (b".", 8, 9), (300,), ("s",), ()):
    try:
        print(b.rindex(*a))
    except Exception as e:
        print(type(e).__name__, e)
print(b.rpartition(b"."), b.rpartition(b"x"), b.rpartition(b"one"), b.rpartition(bytearray(b"e")))
for a in ((b"",), ("s",), (), (1,)):
    try:
        print(b.rpartition(*a))
    except Exception as e:
        print(type(e).__name__, e)
