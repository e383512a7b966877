# Reading a file with mixed line ends under each newline mode, and the newlines attribute.
import sys
path = '/tmp/ftpy-lang-io-newline_read-' + sys.implementation.name + '.tmp'
with open(path, 'wb') as f:
    f.write(b'one\r\ntwo\rthree\nfour\r\n\r\nlast')
for nl in [None, '', '\n', '\r', '\r\n']:
    with open(path, newline=nl) as f:
        print(repr(nl), f.readlines(), repr(f.newlines))
    with open(path, newline=nl) as f:
        print(repr(nl), repr(f.read()))
    with open(path, newline=nl) as f:
        print(repr(nl), repr(f.read(5)), repr(f.read(4)), repr(f.readline()))
with open(path) as f:
    print(repr(f.newlines))
    f.readline()
    print(repr(f.newlines))
try:
    open(path, newline='x')
except Exception as e:
    print(type(e).__name__, e)
try:
    open(path, newline=5)
except Exception as e:
    print(type(e).__name__, e)
