# TextIOWrapper with ASCII-compatible encodings (names, errors handlers, newline=''), NUL and unknown encoding names.
import _io
for enc in ('utf\0-8', 'utf-8\0', 'nope'):
    try:
        _io.TextIOWrapper(_io.BytesIO(), encoding=enc)
    except Exception as e:
        print(repr(enc), type(e).__name__, e)
    try:
        open('/dev/null', encoding=enc)
    except Exception as e:
        print('open', repr(enc), type(e).__name__, e)
t = _io.TextIOWrapper(_io.BytesIO(), encoding='ascii')
for enc in ('utf\0-8', 'nope'):
    try:
        t.reconfigure(encoding=enc)
    except Exception as e:
        print('reconf', repr(enc), type(e).__name__, e)
for enc in ('latin-1', 'iso8859_1', 'ASCII', 'utf8', 'UTF-8'):
    b = _io.BytesIO()
    t = _io.TextIOWrapper(b, encoding=enc, errors='replace', newline='')
    t.write('a\u00e9\n'); t.write('b\r\nc\u20ac'); t.flush()
    print(enc, t.encoding, b.getvalue())
    t.seek(0)
    print(repr(t.readline()), repr(t.read()))
