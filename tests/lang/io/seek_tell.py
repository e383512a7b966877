# seek() and tell() on text and binary files: whence values, cookies and their errors.
import sys
path = '/tmp/ftpy-lang-io-seek_tell-' + sys.implementation.name + '.tmp'
def t(f, *a):
    try:
        print(repr(f(*a)))
    except Exception as e:
        print(type(e).__name__, e)
with open(path, 'wb') as f:
    f.write(b'0123456789\nabcdef\n')
with open(path, 'rb') as f:
    t(f.tell); t(f.seek, 4); t(f.read, 2); t(f.tell)
    t(f.seek, -3, 2); t(f.read); t(f.seek, -5, 1); t(f.read, 1)
    t(f.seek, 0, 3); t(f.seek, 'x'); t(f.seek, -1)
    t(f.seek, 100); t(f.read); t(f.tell)
with open(path) as f:
    t(f.tell); t(f.readline); t(f.tell); t(f.read, 3); t(f.tell)
    pos = f.tell()
    t(f.read)
    t(f.seek, pos); t(f.read, 3)
    t(f.seek, 0, 1); t(f.seek, 0, 2); t(f.read)
    t(f.seek, 1, 1); t(f.seek, 1, 2); t(f.seek, 0, 3); t(f.seek, -1); t(f.seek, 'x'); t(f.seek, 0)
    t(f.read, 4)
