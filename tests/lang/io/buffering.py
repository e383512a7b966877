# open()'s buffering argument: unbuffered binary (FileIO), line buffering, explicit sizes and flush.
import sys
path = '/tmp/ftpy-lang-io-buffering-' + sys.implementation.name + '.tmp'
def t(f, *a, **k):
    try:
        r = f(*a, **k)
        print(type(r).__name__)
        return r
    except Exception as e:
        print(type(e).__name__, e)
f = t(open, path, 'wb', buffering=0)
print(f.write(b'raw'), f.mode)
f.close()
t(open, path, 'w', buffering=0)
f = open(path, 'w', buffering=1)
print(f.line_buffering)
f.write('no newline yet')
with open(path) as g:
    print(repr(g.read()))
f.write(' and now\n')
with open(path) as g:
    print(repr(g.read()))
f.close()
f = open(path, 'wb', buffering=4)
print(type(f).__name__)
f.write(b'ab')
with open(path, 'rb') as g:
    print(g.read())
f.write(b'cdef')
with open(path, 'rb') as g:
    print(g.read())
f.flush()
with open(path, 'rb') as g:
    print(g.read())
f.close()
f = open(path, 'w')
print(f.line_buffering)
f.write('buffered\n')
with open(path) as g:
    print(repr(g.read()))
f.flush()
with open(path) as g:
    print(repr(g.read()))
f.close()
f = open(path, 'rb', buffering=0)
print(type(f).__name__, f.read(3), f.read(), f.read())
f.close()
f = open(path, 'rb', 1)
print(type(f).__name__, f.read(3))
f.close()
