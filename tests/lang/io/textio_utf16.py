# TextIOWrapper over utf-16 / utf-32: one BOM per stream, lines split on characters, seek/tell round trips.
import _io
for enc in ('utf-16', 'utf-16-le', 'utf-32-be'):
    b = _io.BytesIO()
    t = _io.TextIOWrapper(b, encoding=enc)
    t.write('a\u00e9\n')
    t.write('\u20acz\n')
    t.flush()
    print(enc, b.getvalue())
    t.seek(0)
    print(repr(t.readline()))
    pos = t.tell()
    print(repr(t.read()))
    t.seek(pos)
    print(repr(t.readline()))
