# memoryview indexing, slicing, item and slice assignment through to a bytearray.
ba = bytearray(b"abcdefgh")
m = memoryview(ba)
print(m[0], m[-1], m[2:5].tobytes(), m[::3].tolist(), m[5:1:-2].tolist())
m[0] = 65
m[1:3] = b"BC"
m[::2] = b"1234"
m[-1] = 0x5a
print(ba)
m[2:4] = memoryview(b"xy")
print(ba)
for f in (lambda: m[8], lambda: m[-9], lambda: m.__setitem__(0, 256), lambda: m.__setitem__(0, b"a"),
          lambda: m.__setitem__(slice(0, 2), b"abc"), lambda: m.__setitem__(0, -1),
          lambda: m["a"], lambda: m.__setitem__(slice(0, 2), 5), lambda: m[1.5],
          lambda: m.__delitem__(0), lambda: memoryview(b"ab").__setitem__(0, 1),
          lambda: m[0, 1], lambda: m[...], lambda: m[()], lambda: m.__setitem__(9, 1)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print(ba)
