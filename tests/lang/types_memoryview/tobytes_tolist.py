# memoryview tobytes, tolist, hex and toreadonly.
m = memoryview(bytearray(b"\x00\x01\xfe\xff"))
print(m.tobytes(), m.tolist(), m.hex(), m.hex(":"), m.hex("-", 2), m.tobytes("C"), m.tobytes(order="F"), m.tobytes(None))
print(m[1:3].tobytes(), m[::-1].tolist(), m[::2].hex())
r = m.toreadonly()
print(type(r).__name__, r.readonly, m.readonly, r.tolist(), r.obj is m.obj)
try:
    r[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
m[0] = 7
print(r[0], r.toreadonly().readonly)
try:
    m.tobytes("X")
except ValueError as e:
    print(type(e).__name__, e)
