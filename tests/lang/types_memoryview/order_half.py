# memoryview.tobytes orders for two-dimensional views, the half-float format and cast format checks.
m = memoryview(b"abcdef").cast("B", (2, 3))
print(m.tobytes(), m.tobytes("C"), m.tobytes("F"), m.tobytes("A"), m.c_contiguous, m.f_contiguous)
t = memoryview(b"abcdef").cast("B", (3, 2))[::-1]
print(t.tolist(), t.tobytes("F"), t.tobytes("A"), t.contiguous)
h = memoryview(bytearray(8)).cast("e")
print(h.format, h.itemsize, h.tolist())
for v in (1.0, -2.5, 65504.0, 6e-8, 1e-9, 0.1, float("inf"), -0.0, 3):
    h[0] = v
    print(v, h[0], h.tobytes()[:2].hex())
h[1] = float("nan")
print(h[1] != h[1])
for bad in (65520.0, 1e10, "x"):
    try:
        h[2] = bad
    except Exception as e:
        print(type(e).__name__, e)
for fmt in ("Bé", "BB", "<B", "e", "@e", ""):
    try:
        print(memoryview(b"\x00\x00").cast(fmt).format)
    except Exception as e:
        print(type(e).__name__, e)
