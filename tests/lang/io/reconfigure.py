# TextIOWrapper.reconfigure(): encoding, errors, newline, line_buffering, write_through, and its errors.
import _io
def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)
out = _io.BytesIO()
w = _io.TextIOWrapper(out, encoding='utf-8')
t(w.reconfigure, encoding='latin-1'); print(w.encoding, w.errors)
w.write('\xe9')
t(w.reconfigure, newline='\r\n'); w.write('a\n'); w.flush(); print(out.getvalue())
t(w.reconfigure, line_buffering=True); print(w.line_buffering)
t(w.reconfigure, errors='replace'); print(w.encoding, w.errors)
t(w.reconfigure, encoding='ascii'); print(w.encoding, w.errors)
t(w.write, '\u20ac\n'); t(w.write, 'ok\n'); print(out.getvalue())
t(w.reconfigure, write_through=True); print(w.write_through)
t(w.reconfigure); t(w.reconfigure, 5); t(w.reconfigure, newline='x'); t(w.reconfigure, encoding=5)
t(w.reconfigure, errors=5); t(w.reconfigure, newline=5); t(w.reconfigure, encoding='bogus'); t(w.reconfigure, foo=1)
r = _io.TextIOWrapper(_io.BytesIO(b'a\r\nb\n'), encoding='utf-8')
r.readline()
t(r.reconfigure, encoding='latin-1'); t(r.reconfigure, newline=''); t(r.reconfigure, errors='ignore')
t(r.reconfigure, line_buffering=True)
print(r.errors, r.line_buffering, repr(r.read()))
r.close()
t(r.reconfigure, encoding='utf-8')
n = _io.TextIOWrapper.__new__(_io.TextIOWrapper)
t(n.reconfigure)
