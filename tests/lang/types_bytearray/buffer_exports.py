# A bytearray with a live memoryview cannot change size; __buffer__/__release_buffer__.
ba = bytearray(b"abcdef")
m = memoryview(ba)
ops = [("append", lambda: ba.append(1)), ("extend", lambda: ba.extend(b"x")), ("pop", lambda: ba.pop()),
       ("remove", lambda: ba.remove(97)), ("insert", lambda: ba.insert(0, 1)), ("clear", lambda: ba.clear()),
       ("iadd", lambda: ba.__iadd__(b"z")), ("imul", lambda: ba.__imul__(2)), ("resize", lambda: ba.resize(2)),
       ("delitem", lambda: ba.__delitem__(0)), ("delslice", lambda: ba.__delitem__(slice(None, None, 2))),
       ("grow slice", lambda: ba.__setitem__(slice(0, 1), b"xyz")), ("init", lambda: ba.__init__(b"q"))]
for name, f in ops:
    try:
        f()
        print(name, "ok", ba)
    except BufferError as e:
        print(name, type(e).__name__, e)
ba[0] = 65
ba[1:3] = b"BC"
ba.reverse()
ba.resize(6)
print(ba, m.tobytes())
s = m[2:]
m.release()
try:
    ba.append(1)
except BufferError as e:
    print(type(e).__name__, e)
del s
ba.append(33)
print(ba)
v = ba.__buffer__(0)
print(type(v).__name__, v.obj is ba, v.readonly)
try:
    ba.pop()
except BufferError as e:
    print(type(e).__name__, e)
print(ba.__release_buffer__(v))
ba.pop()
print(ba)
for a in ((), (1,), (v, v)):
    try:
        print(ba.__release_buffer__(*a))
    except TypeError as e:
        print(type(e).__name__, e)
