# memoryview.cast between byte formats, to wider formats and to shapes.
m = memoryview(b"\x01\x02\x03\x04\xff\xfe\x00\x80")
c = m.cast("c")
print(c.format, c.itemsize, c[0], c.tolist()[:3])
b = m.cast("b")
print(b.format, b.tolist())
h = m.cast("H")
print(h.format, h.itemsize, len(h), h.nbytes, h.shape, h.strides, h.tolist())
i = m.cast("i")
print(i.tolist(), i.cast("B").tolist(), i[1])
q = m.cast("Q")
print(q.tolist(), q.itemsize)
d = memoryview(b"\x00" * 8).cast("d")
print(d.tolist(), memoryview(b"\x00\x00\x80\x3f").cast("f").tolist())
bo = memoryview(b"\x00\x01\x02").cast("?")
print(bo.tolist())
s = m.cast("B", (2, 4))
print(s.ndim, s.shape, s.strides, s.tolist(), len(s))
print(m.cast("B", shape=[8]).shape, m.cast("H", [2, 2]).tolist())
for f in (lambda: m.cast("x"), lambda: m.cast("H").cast("i"), lambda: memoryview(b"abc").cast("H"),
          lambda: m[::2].cast("H"), lambda: m.cast("B", (3, 3)), lambda: m.cast(1),
          lambda: m.cast("B", 5), lambda: m.cast(), lambda: m.cast("B", (0, 8))):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
