# Objects made by __new__ alone, before __init__: what each class allows and the order of its checks.
import _io
def t(label, f, *a):
    try:
        print(label, repr(f(*a)))
    except Exception as e:
        print(label, type(e).__name__, e)
f = _io.FileIO.__new__(_io.FileIO)
t('fileio.closed', lambda: f.closed); t('fileio.flush', f.flush); t('fileio.read', f.read, 'x')
t('fileio.read', f.read); t('fileio.seek', f.seek, 'x'); t('fileio.repr', repr, f)
f.close()
t('fileio.flush after close', f.flush)
b = _io.BufferedReader.__new__(_io.BufferedReader)
t('reader.repr', repr, b); t('reader.read', b.read); t('reader.seek', b.seek, 0); t('reader.seek', b.seek, 'x')
t('reader.raw', lambda: b.raw); t('reader.detach', b.detach); t('reader.closed', lambda: b.closed)
w = _io.TextIOWrapper.__new__(_io.TextIOWrapper)
t('text.closed', lambda: w.closed); t('text.read', w.read, 'x'); t('text.read', w.read)
t('text.readlines', w.readlines); t('text.write', w.write, 'x'); t('text.buffer', lambda: w.buffer)
t('text.repr', repr, w); t('text.detach', w.detach)
s = _io.StringIO.__new__(_io.StringIO)
t('stringio.write', s.write, 5); t('stringio.write', s.write, 'x'); t('stringio.closed', lambda: s.closed)
t('stringio.getvalue', s.getvalue); t('stringio.close', s.close); t('stringio.read', s.read)
s.__init__('again')
t('stringio.read after init', s.read)
m = _io.BytesIO.__new__(_io.BytesIO, b'ignored')
t('bytesio.getvalue', m.getvalue); t('bytesio.write', m.write, b'ok'); t('bytesio.getvalue', m.getvalue)
