# A file object dropped without close() flushes its pending data when it is freed.
import sys
import _io
path = '/tmp/ftpy-lang-io-dealloc_flush-' + sys.implementation.name + '.tmp'
def write_binary():
    b = open(path, 'wb')
    b.write(b'binary pending')
write_binary()
with open(path, 'rb') as f:
    print(f.read())
def write_text():
    t = open(path, 'w')
    t.write('text pending\n')
write_text()
with open(path) as f:
    print(repr(f.read()))
b = _io.BufferedWriter(_io.FileIO(path, 'w'))
b.write(b'xyz')
del b
with open(path) as f:
    print(repr(f.read()))
t = _io.TextIOWrapper(_io.BufferedRandom(_io.FileIO(path, 'w+')), encoding='latin-1')
t.write('\xe9t\xe9')
t = None
with open(path, 'rb') as f:
    print(f.read())
