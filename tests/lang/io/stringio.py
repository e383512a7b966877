# _io.StringIO: reading, writing past the end, truncate, seek rules and the newline modes.
from _io import StringIO
def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)
s = StringIO('h\xe9llo\nw\xf6rld\n')
t(s.read, 2); t(s.tell); t(s.readline); t(s.readlines); t(s.seek, 0); t(s.write, 'XY')
t(s.getvalue); t(s.truncate, 4); t(s.getvalue); t(s.seek, 10); t(s.write, 'z'); t(s.getvalue)
print(repr(s.newlines), s.line_buffering, s.encoding, s.errors)
for nl in [None, '', '\n', '\r', '\r\n']:
    s = StringIO('a\r\nb\rc\nd', newline=nl)
    print(repr(nl), s.readlines(), repr(s.getvalue()), repr(s.newlines))
    s = StringIO(newline=nl)
    s.write('x\ny\r\nz\r')
    print(repr(nl), repr(s.getvalue()))
t(StringIO, 'x', 'y'); t(StringIO, 'x', 5); t(StringIO, 5); t(StringIO, b'x')
s = StringIO('abc')
t(s.seek, 0, 1); t(s.seek, 0, 2); t(s.seek, 1, 2); t(s.seek, 1, 1); t(s.seek, -1); t(s.seek, 0, 3)
t(s.read, 'x'); t(s.readline, 'x'); t(s.truncate, 'x'); t(s.seek, 'x'); t(s.seek, 0, 'x')
t(s.tell); t(s.detach); t(s.fileno); t(s.readable); t(s.writable); t(s.seekable); t(s.isatty)
t(s.truncate, -1); t(s.write, b'x'); t(s.write, 5)
t(s.seek, 0); t(s.readline, 2); t(s.read, 0); t(s.read, -1); t(s.read)
print([line for line in StringIO('1\n2\n3')])
with StringIO('w') as s:
    print(s.closed, s.read())
print(s.closed)
t(s.flush)
