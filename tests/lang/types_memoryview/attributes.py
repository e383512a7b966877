# memoryview attributes over bytes and bytearray: format, itemsize, nbytes, ndim, shape, strides...
for src in (b"abcdef", bytearray(b"xyz")):
    m = memoryview(src)
    print(m.format, m.itemsize, m.nbytes, m.ndim, m.shape, m.strides, m.suboffsets, m.readonly)
    print(m.obj is src, m.c_contiguous, m.f_contiguous, m.contiguous, len(m))
s = memoryview(b"abcdef")[::2]
print(s.nbytes, s.shape, s.strides, s.c_contiguous, s.f_contiguous, s.contiguous, len(s))
r = memoryview(b"abcdef")[::-1]
print(r.strides, r.contiguous, r.tobytes())
e = memoryview(b"abc")[2:1]
print(e.shape, e.nbytes, e.contiguous, e.c_contiguous)
