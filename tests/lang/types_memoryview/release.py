# memoryview.release and the errors of a released view.
m = memoryview(b"abc")
print(m.release(), m.release())
print(repr(m).startswith("<released memory at 0x"))
ops = {
    "len": lambda: len(m), "getitem": lambda: m[0], "tobytes": lambda: m.tobytes(),
    "tolist": lambda: m.tolist(), "hex": lambda: m.hex(), "format": lambda: m.format,
    "itemsize": lambda: m.itemsize, "nbytes": lambda: m.nbytes, "ndim": lambda: m.ndim,
    "shape": lambda: m.shape, "strides": lambda: m.strides, "readonly": lambda: m.readonly,
    "obj": lambda: m.obj, "contiguous": lambda: m.contiguous, "cast": lambda: m.cast("B"),
    "toreadonly": lambda: m.toreadonly(), "iter": lambda: iter(m), "hash": lambda: hash(m),
    "enter": lambda: m.__enter__(), "bytes": lambda: bytes(m), "count": lambda: m.count(1),
    "index": lambda: m.index(1), "slice": lambda: m[1:], "suboffsets": lambda: m.suboffsets,
}
for name, f in ops.items():
    try:
        print(name, f())
    except ValueError as e:
        print(name, type(e).__name__, e)
print(m == m, m != memoryview(b"abc"), m == b"abc")
with memoryview(bytearray(b"xy")) as v:
    print(v.tolist(), v is v.__enter__())
try:
    v[0]
except ValueError as e:
    print(type(e).__name__, e)
print(v.__exit__(None, None, None))
