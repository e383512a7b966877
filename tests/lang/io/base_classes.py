# The abstract bases _IOBase, _RawIOBase, _BufferedIOBase, _TextIOBase and their default methods.
import _io
def t(f, *a):
    try:
        print(repr(f(*a)))
    except Exception as e:
        print(type(e).__name__, e)
x = _io._IOBase()
for m in ['seek', 'truncate']:
    t(getattr(x, m), 0)
for m in ['tell', 'fileno', 'flush', 'isatty', 'readable', 'writable', 'seekable']:
    t(getattr(x, m))
print(x.closed, x.__enter__() is x, iter(x) is x)
r = _io._RawIOBase()
t(r.read); t(r.read, 2); t(r.readall); t(r.readinto, bytearray(1)); t(r.write, b'x')
b = _io._BufferedIOBase()
t(b.read); t(b.read1); t(b.write, b'x'); t(b.detach); t(b.readinto, b'x'); t(b.readinto1, b'x')
s = _io._TextIOBase()
t(s.read); t(s.readline); t(s.write, 'x'); t(s.write, b'x'); t(s.detach)
print(s.encoding, s.newlines, s.errors)
t(x._checkReadable); t(x._checkWritable); t(x._checkSeekable); t(x._checkClosed)
