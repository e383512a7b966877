# __buffer__ and __release_buffer__ of bytes, bytearray and memoryview.
for src in (b"ab", bytearray(b"cd"), memoryview(b"ef")):
    v = src.__buffer__(0)
    print(type(v).__name__, v.tobytes(), v.readonly, v.obj is src or v.obj is getattr(src, "obj", None))
    src.__release_buffer__(v) if hasattr(src, "__release_buffer__") else None
    try:
        print(v.tobytes())
    except ValueError as e:
        print(type(e).__name__, e)
for f in (lambda: b"x".__buffer__(), lambda: b"x".__buffer__("a"), lambda: bytearray().__release_buffer__(1)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
ba = bytearray(b"abc")
m = memoryview(ba)
try:
    ba.append(1)
except BufferError as e:
    print(type(e).__name__, e)
m.release()
ba.append(100)
print(ba)
