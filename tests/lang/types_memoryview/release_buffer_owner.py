# __release_buffer__ releases only a view of its own object; others raise ValueError.
b = bytearray(b'abc')
v = memoryview(b)
other = memoryview(b'xyz')
for exporter, view in ((v, other), (v, v), (b, other)):
    try:
        exporter.__release_buffer__(view)
    except ValueError as e:
        print(type(e).__name__, e)
print(other.tolist(), v.tolist())
x = v.__buffer__(0)
inner = x.__buffer__(0)
try:
    v.__release_buffer__(x)
except BufferError as e:
    print(type(e).__name__, e)
print(x.tolist())
x.__release_buffer__(inner)
print(v.__release_buffer__(x))
try:
    x.tolist()
except ValueError as e:
    print(type(e).__name__, e)
try:
    v.__release_buffer__(x)
except ValueError as e:
    print(type(e).__name__, e)
try:
    v.release()
    print('released')
except BufferError as e:
    print(type(e).__name__, e)
y = memoryview(b)
b.__release_buffer__(y)
for attempt in (lambda: y[0], lambda: b.__release_buffer__(y)):
    try:
        attempt()
    except ValueError as e:
        print(type(e).__name__, e)
b.append(100)
print(b)
for bad in (1, None):
    try:
        v.__release_buffer__(bad)
    except TypeError as e:
        print(type(e).__name__, e)
