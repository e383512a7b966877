# Operations on closed files and streams raise ValueError with each class's own wording.
import sys
from _io import BytesIO, StringIO
path = '/tmp/ftpy-lang-io-closed_file-' + sys.implementation.name + '.tmp'
def t(name, f, *a):
    try:
        print(name, repr(f(*a)))
    except Exception as e:
        print(name, type(e).__name__, e)
with open(path, 'w') as f:
    f.write('x\n')
text = open(path)
text.close()
print(text.closed, text.buffer.closed, text.buffer.raw.closed)
for m in ['read', 'readline', 'readlines', 'tell', 'flush', 'fileno', 'isatty', 'readable', 'close']:
    t('text.' + m, getattr(text, m))
t('text.write', text.write, 'x')
t('text.seek', text.seek, 0)
t('text.iter', iter, text)
t('text.next', next, text)
t('text.enter', text.__enter__)
buf = text.buffer
for m in ['read', 'read1', 'peek', 'readline', 'tell', 'flush', 'fileno', 'isatty', 'truncate', 'close']:
    t('reader.' + m, getattr(buf, m))
t('reader.seek', buf.seek, 0)
raw = buf.raw
for m in ['read', 'readall', 'tell', 'fileno', 'isatty', 'readable', 'writable', 'seekable', 'close']:
    t('raw.' + m, getattr(raw, m))
t('raw.write', raw.write, b'x')
t('raw.seek', raw.seek, 0)
w = open(path, 'wb')
w.close()
t('writer.write', w.write, b'x')
t('writer.flush', w.flush)
b = BytesIO(b'x')
b.close()
for m in ['read', 'getvalue', 'tell', 'flush', 'readable']:
    t('bytesio.' + m, getattr(b, m))
s = StringIO('x')
s.close()
for m in ['read', 'getvalue', 'tell', 'flush', 'readable', 'readlines']:
    t('stringio.' + m, getattr(s, m))
t('stringio.write', s.write, 'y')
