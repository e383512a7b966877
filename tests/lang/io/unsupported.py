# io.UnsupportedOperation: its bases, and the operations a stream's mode does not allow.
import sys
import _io
path = '/tmp/ftpy-lang-io-unsupported-' + sys.implementation.name + '.tmp'
U = _io.UnsupportedOperation
print(U.__name__, U.__module__, [c.__name__ for c in U.__mro__])
print(issubclass(U, OSError), issubclass(U, ValueError))
def t(f, *a):
    try:
        print(repr(f(*a)))
    except U as e:
        print('UnsupportedOperation', e, isinstance(e, OSError), isinstance(e, ValueError))
    except Exception as e:
        print(type(e).__name__, e)
with open(path, 'w') as f:
    f.write('data\n')
    t(f.read)
    t(f.readline)
    t(f.buffer.read)
    t(f.buffer.raw.read)
with open(path) as f:
    t(f.write, 'x')
    t(f.buffer.write, b'x')
    t(f.buffer.raw.write, b'x')
    t(f.truncate)
    t(f.buffer.truncate)
with open(path, 'rb') as f:
    t(f.write, b'x')
b = _io.BytesIO()
t(b.fileno)
t(b.detach)
s = _io.StringIO()
t(s.fileno)
t(s.detach)
t(_io.TextIOWrapper(_io.BytesIO()).fileno)
try:
    raise U('custom', 'args')
except ValueError as e:
    print(type(e).__name__, e.args)
