# Wrong argument counts and types for the methods of the _io classes.
import sys
import _io
path = '/tmp/ftpy-lang-io-arg_errors-' + sys.implementation.name + '.tmp'
def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)
with open(path, 'w') as f:
    f.write('data\n')
t(_io.FileIO); t(_io.FileIO, path, 'r', True, None, 5); t(_io.FileIO, path, mode=5); t(_io.FileIO, path, bad=1)
t(_io.FileIO, 3.5); t(_io.FileIO, [])
raw = _io.FileIO(path)
t(raw.read, 1, 2); t(raw.read, 'x'); t(raw.read, 1.5); t(raw.seek); t(raw.seek, 1.5); t(raw.seek, 0, 'x')
t(raw.write, 'str'); t(raw.readinto, b'x'); t(raw.truncate, 1, 2); t(raw.tell, 1)
t(_io.BufferedReader); t(_io.BufferedReader, raw, 'x'); t(_io.BufferedReader, raw, 0); t(_io.BufferedReader, raw, -1)
t(_io.BufferedWriter, raw); t(_io.BufferedReader, 5)
b = _io.BufferedReader(raw)
t(b.read, 'x'); t(b.read, -2); t(b.read, 1, 2); t(b.read1, 'x'); t(b.peek, 'x'); t(b.readline, 'x')
t(b.seek); t(b.seek, 'x'); t(b.seek, 0, 'x'); t(b.seek, 0, 9); t(b.readlines, 'x'); t(b.readinto, b'x')
t(_io.TextIOWrapper); t(_io.TextIOWrapper, _io.BytesIO(), 5); t(_io.TextIOWrapper, _io.BytesIO(), errors=5)
t(_io.TextIOWrapper, _io.BytesIO(), 'utf-8', None, None, False, False, 7)
w = _io.TextIOWrapper(_io.BytesIO(b'abc'))
t(w.read, 'x'); t(w.read, 1, 2); t(w.readline, 'x'); t(w.readline, 1.5); t(w.write); t(w.write, 5); t(w.write, b'x')
t(w.seek); t(w.seek, 0, 'x'); t(w.seek, 'x'); t(w.seek, 1.5); t(w.writelines, 5); t(w.writelines, [5])
t(_io.BytesIO, 5); t(_io.BytesIO, 'x'); t(_io.BytesIO, b'x', b'y'); t(_io.BytesIO, foo=1)
bio = _io.BytesIO(b'abc')
t(bio.read, 'x'); t(bio.read, 1, 2); t(bio.readline, 1.5); t(bio.write, 'x'); t(bio.write, 5); t(bio.seek)
t(bio.seek, 'x'); t(bio.seek, 0, 'x'); t(bio.truncate, 'x'); t(bio.readinto, 'x'); t(bio.writelines, 5)
t(bio.writelines, ['x']); t(bio.getvalue, 1)
t(_io.StringIO, 5); t(_io.StringIO, 'x', 5); t(_io.StringIO, 'x', 'y'); t(_io.StringIO, 'a', '\n', 3)
sio = _io.StringIO('abc')
t(sio.read, 'x'); t(sio.readline, 'x'); t(sio.write, 5); t(sio.write); t(sio.seek); t(sio.seek, 'x')
t(sio.seek, 0, 'x'); t(sio.truncate, 'x'); t(sio.getvalue, 1); t(sio.writelines, [5])
t(_io.open); t(_io.open, path, 'r', 'x'); t(_io.text_encoding); t(_io.text_encoding, None, 'x'); t(_io.open_code, 5)
raw.close()
