# memoryview items of every native single-character format: reading, writing and tolist.
raw = bytes(range(1, 17))
for fmt in "cbB?hHiIlLqQnNP":
    m = memoryview(raw).cast(fmt)
    print(fmt, m.itemsize, len(m), m.format, m.tolist()[:2], m[-1])
w = memoryview(bytearray(16))
for fmt, vals in (("b", (-128, 127)), ("B", (0, 255)), ("h", (-32768, 32767)), ("H", (0, 65535)),
                  ("i", (-2**31, 2**31 - 1)), ("I", (0, 2**32 - 1)), ("q", (-2**63, 2**63 - 1)),
                  ("Q", (0, 2**63 - 1)), ("f", (1.5, -2)), ("d", (0.1, 1e300)), ("?", (0, "x")), ("c", (b"a", b"\xff"))):
    v = w.cast(fmt)
    v[0] = vals[0]
    v[1] = vals[1]
    print(fmt, v.tolist()[:2], v[0], v[1])
for fmt, bad in (("b", 128), ("b", -129), ("B", -1), ("h", 2**15), ("H", -1), ("i", 2**31), ("I", 2**32),
                 ("q", 2**63), ("Q", -1), ("b", 1.0), ("f", "x"), ("d", None), ("c", 1), ("c", b""), ("B", True)):
    try:
        w.cast(fmt)[0] = bad
        print(fmt, "ok", w.cast(fmt)[0])
    except Exception as e:
        print(fmt, type(e).__name__, e)
