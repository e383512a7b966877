# __getstate__/__setstate__ of BytesIO and StringIO, and the state errors; file streams refuse pickling.
import _io
def t(f, *a):
    try:
        print(repr(f(*a)))
    except Exception as e:
        print(type(e).__name__, e)
b = _io.BytesIO(b'abc')
b.read(1)
t(b.__getstate__)
t(b.__setstate__, (b'xyz', 2, None)); t(b.read); t(b.tell)
t(b.__setstate__, 5); t(b.__setstate__, (b'x',)); t(b.__setstate__, ('x', 0, None))
t(b.__setstate__, (b'x', -1, None)); t(b.__setstate__, (b'x', 0, 5)); t(b.__setstate__, (b'x', 'a', None))
t(b.__setstate__, (bytearray(b'ba'), 1, None)); t(b.getvalue); t(b.tell)
for nl in [None, '', '\n', '\r', '\r\n']:
    s = _io.StringIO('a\nb', newline=nl)
    s.read(1)
    t(s.__getstate__)
s = _io.StringIO()
t(s.__setstate__, ('x\ny', '\r', 1, None)); t(s.getvalue); t(s.tell); t(s.readline)
t(s.__setstate__, 5); t(s.__setstate__, ('x',)); t(s.__setstate__, ('x', 'q', 0, None))
t(s.__setstate__, ('x', '\n', 'a', None)); t(s.__setstate__, ('x', '\n', -1, None))
t(s.__setstate__, ('x', '\n', 0, 5)); t(s.__setstate__, (5, '\n', 0, None)); t(s.__setstate__, ('x', 5, 0, None))
t(s.__setstate__, (None, None, 0, None)); t(s.getvalue)
b.close(); s.close()
t(b.__getstate__); t(b.__setstate__, (b'x', 0, None)); t(s.__getstate__); t(s.__setstate__, ('x', '\n', 0, None))
u = _io.StringIO.__new__(_io.StringIO)
t(u.__getstate__); t(u.__setstate__, ('x', '\n', 0, None)); t(u.getvalue)
with _io.open(__file__, 'rb') as f:
    t(f.__getstate__); t(f.raw.__getstate__)
with _io.open(__file__) as f:
    t(f.__getstate__)
