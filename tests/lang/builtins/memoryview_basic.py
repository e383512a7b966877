# memoryview over bytes/bytearray: indexing, slicing, tobytes, tolist, write-through.
ba = bytearray(b"hello")
m = memoryview(ba)
print(m[0], m[-1], m[1:3].tobytes(), m.tolist(), len(m), m.readonly, m.nbytes, m.format, m.itemsize)
m[0] = ord("J")
print(ba, bytes(m[::2]))
r = memoryview(b"abc")
try:
    r[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
m.release()
try:
    m[0]
except ValueError as e:
    print(type(e).__name__, e)
