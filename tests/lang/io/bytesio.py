# _io.BytesIO: read/read1/readline/readinto/write/seek/tell/truncate/getvalue and its errors.
from _io import BytesIO
def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)
b = BytesIO(b'hello\nworld\n')
t(b.read, 2); t(b.read1); t(b.tell); t(b.seek, 0); t(b.readline); t(b.readline, 2); t(b.readlines)
t(b.seek, 20); t(b.write, b'!'); t(b.getvalue); t(b.truncate, 3); t(b.getvalue); t(b.tell)
t(b.seek, 1, 3); t(b.seek, 'x'); t(b.seek, -1); t(b.seek, -2, 2); t(b.seek, 1, 1); t(b.seek, -100, 1)
t(b.truncate, -1); t(b.read, 'x'); t(b.write, 'x')
t(b.readable); t(b.writable); t(b.seekable); t(b.isatty); t(b.flush)
b = BytesIO(b'abcdef')
ba = bytearray(4)
t(b.readinto, ba); print(ba)
t(b.readinto, ba); print(ba)
b = BytesIO()
t(b.write, bytearray(b'xy')); t(b.write, memoryview(b'z')); t(b.writelines, [b'1', b'2'])
t(b.getvalue); t(b.truncate); t(b.getvalue)
t(BytesIO, 'x'); t(BytesIO, b'x', 5); t(lambda: BytesIO(initial_bytes=b'ab').getvalue())
t(lambda: BytesIO(None).getvalue())
print([line for line in BytesIO(b'a\nb\nc')])
with BytesIO(b'q') as b:
    print(b.closed, b.read())
print(b.closed)
