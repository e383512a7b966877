# memoryview._from_flags: a view of a buffer with a writability check from the flags.
m = memoryview._from_flags(b"ab", 0)
print(m.tolist(), m.readonly, m.format, memoryview._from_flags(bytearray(b"ab"), 1).readonly)
print(memoryview._from_flags(object=b"a", flags=0).tolist(), memoryview(b"x")._from_flags(b"y", 0).tolist())
print(memoryview._from_flags(memoryview(b"ab").cast("H"), 0).format)
for f in (lambda: memoryview._from_flags(b"ab"), lambda: memoryview._from_flags(b"ab", 1), lambda: memoryview._from_flags("s", 0),
          lambda: memoryview._from_flags(b"ab", "x"), lambda: memoryview._from_flags("s", "x"), lambda: memoryview._from_flags(),
          lambda: memoryview._from_flags(1, 2, 3), lambda: memoryview._from_flags(b"a", flags=0, object=1),
          lambda: memoryview._from_flags(b"a", 0, x=1)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
