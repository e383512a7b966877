# _io.FileIO directly: modes, wrapping a descriptor (closefd), opener, readinto/readall, truncate.
import sys
from _io import FileIO
path = '/tmp/ftpy-lang-io-fileio-' + sys.implementation.name + '.tmp'
def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)
f = FileIO(path, 'w')
print(f.mode, f.closefd, f.readable(), f.writable(), f.seekable(), f.isatty(), f.name == path)
t(f.write, b'hello world')
t(f.tell); t(f.truncate, 5); t(f.truncate); t(f.seek, 0, 2); t(f.read)
f.close()
t(f.close)
print(f.closed, repr(f))
f = FileIO(path)
print(f.mode, f.read(2), f.readall(), f.read(), f.read(3))
f.seek(0)
ba = bytearray(3)
t(f.readinto, ba); print(ba)
t(f.readinto, b'xx')
fd = f.fileno()
g = FileIO(fd, closefd=False)
print(g.name == fd, g.closefd, g.mode)
print(repr(g).startswith('<_io.FileIO name=%d ' % fd), repr(g).endswith("closefd=False>"))
g.close()
print(f.closed, f.read())
f.close()
for mode in ['r+', 'w+', 'a', 'a+', 'rb', 'wb', 'x']:
    try:
        h = FileIO(path, mode)
        print(mode, h.mode, h.readable(), h.writable())
        h.close()
    except Exception as e:
        print(mode, type(e).__name__, e.errno)
t(FileIO, path, 'rt'); t(FileIO, path, 'rw'); t(FileIO, path, 'r++'); t(FileIO, -1)
t(FileIO, path, closefd=False); t(FileIO, path, 'r', True, lambda p, fl: -1)
import _io
keep = []
def opener(p, flags):
    keep.append(FileIO(p, 'r'))
    return keep[-1].fileno()
h = FileIO(path, 'r', opener=opener)
print(h.name == path, h.read(5), h.closefd)
h.close()
t(keep[-1].close)
print(keep[-1].closed)
f = FileIO(path, 'rb')
t(f.read, 'x'); t(f.read, 2.0); t(f.write, b'x'); t(f.seek, 'x'); t(f.truncate)
f.close()
