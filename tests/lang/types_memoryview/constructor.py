# memoryview construction, repr shape, subclassing and class_getitem.
print(type(memoryview(b"a")).__name__, memoryview.__new__(memoryview, b"xy").tolist())
print(memoryview(object=b"k").tobytes(), memoryview(memoryview(b"nested")).obj)
print(memoryview[int], repr(memoryview(b"")).startswith("<memory at 0x"))
for f in (lambda: memoryview("str"), lambda: memoryview(), lambda: memoryview(1), lambda: memoryview(b"a", b"b"),
          lambda: memoryview(obj=b"a"), lambda: type("M", (memoryview,), {})):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print(memoryview(b"abc").__len__(), memoryview(b"abc").__getitem__(1), bytes(memoryview(b"q")), list(memoryview(b"\x01\x02")))
