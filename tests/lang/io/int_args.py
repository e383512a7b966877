# Integer arguments that do not fit: each method's OverflowError/ValueError wording, and non-integers.
import sys
import _io
path = '/tmp/ftpy-lang-io-int_args-' + sys.implementation.name + '.tmp'
def t(label, f, *a):
    try:
        print(label, repr(f(*a)))
    except Exception as e:
        print(label, type(e).__name__, e)
with open(path, 'w') as f:
    f.write('abc\n')
big, small = 10 ** 30, -10 ** 30
raw = _io.FileIO(path, 'r+')
buf = open(path, 'r+b')
txt = open(path, 'r+')
bio = _io.BytesIO(b'abc')
sio = _io.StringIO('abc')
for v in (big, small, 1.5, 'x'):
    t('raw.read', raw.read, v); t('raw.seek', raw.seek, v); t('raw.truncate', raw.truncate, v)
    t('buf.read', buf.read, v); t('buf.read1', buf.read1, v); t('buf.peek', buf.peek, v)
    t('buf.readline', buf.readline, v); t('buf.seek', buf.seek, v); t('buf.truncate', buf.truncate, v)
    t('txt.read', txt.read, v); t('txt.readline', txt.readline, v); t('txt.truncate', txt.truncate, v)
    t('bio.read', bio.read, v); t('bio.seek', bio.seek, v); t('bio.truncate', bio.truncate, v)
    t('bio.readlines', bio.readlines, v); t('sio.read', sio.read, v); t('sio.seek', sio.seek, v)
    t('sio.truncate', sio.truncate, v); t('base.read', _io._BufferedIOBase().read, v)
    t('txt.seek', txt.seek, v)
t('txt.readline', txt.readline, None)
t('txt.write', txt.write, None)
t('raw.close', raw.close, 1)
t('bio.fileno', bio.fileno, 1)
raw.close(); buf.close(); txt.close()
