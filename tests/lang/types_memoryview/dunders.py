# memoryview dunders called explicitly.
b = b"abc"
m = memoryview(b)
w = memoryview(bytearray(b"xyz"))
calls = [
    lambda: memoryview.__new__(memoryview, b).tobytes(), lambda: memoryview.__new__(int, b),
    lambda: memoryview.__len__(m), lambda: memoryview.__getitem__(m, 1), lambda: memoryview.__getitem__(m, slice(1, None)).tobytes(),
    lambda: memoryview.__setitem__(w, 0, 65), lambda: w.tobytes(), lambda: memoryview.__setitem__(m, 0, 65),
    lambda: memoryview.__delitem__(w, 0), lambda: memoryview.__eq__(m, b), lambda: memoryview.__eq__(m, "abc"),
    lambda: memoryview.__ne__(m, b"abd"), lambda: memoryview.__lt__(m, b), lambda: memoryview.__le__(m, b),
    lambda: memoryview.__gt__(m, b), lambda: memoryview.__ge__(m, b), lambda: memoryview.__hash__(m) == hash(b),
    lambda: list(memoryview.__iter__(m)), lambda: memoryview.__repr__(m)[:8], lambda: memoryview.__enter__(m) is m,
    lambda: memoryview.__class_getitem__(int), lambda: memoryview.__buffer__(m, 0).tobytes(),
    lambda: memoryview.__buffer__(m), lambda: memoryview.__release_buffer__(m, 5),
    lambda: m.__reduce_ex__(2), lambda: m.__sizeof__() > 0, lambda: m.__format__("")[:8], lambda: str(m)[:8],
    lambda: memoryview.__len__(b), lambda: memoryview.__getitem__(m, 3), lambda: memoryview.__buffer__(m, 1),
    lambda: memoryview.__exit__(memoryview(b"q")), lambda: memoryview.__exit__(memoryview(b"q"), 1, 2, 3),
]
for i, f in enumerate(calls):
    try:
        print(i, f())
    except Exception as e:
        print(i, type(e).__name__, e)
v = m.__buffer__(0)
try:
    m.release()
except BufferError as e:
    print(type(e).__name__, e)
v2 = m.__buffer__(0)
try:
    m.release()
except BufferError as e:
    print(type(e).__name__, e)
m.__release_buffer__(v)
m.__release_buffer__(v2)
print(m.release(), v2.__repr__()[:17])
