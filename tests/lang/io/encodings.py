# Text files in utf-8, latin-1 and ascii with the error handlers, and unknown encodings or handlers.
import sys
path = '/tmp/ftpy-lang-io-encodings-' + sys.implementation.name + '.tmp'
def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)
for enc in ['utf-8', 'latin-1', 'ascii', 'UTF8', 'latin1']:
    with open(path, 'w', encoding=enc, errors='replace') as f:
        print(enc, f.encoding, f.errors, f.write('caf\xe9 \u20ac\n'))
    with open(path, 'rb') as f:
        print(f.read())
with open(path, 'wb') as f:
    f.write(b'caf\xc3\xa9 \xff end\n')
for enc, err in [('utf-8', 'strict'), ('utf-8', 'replace'), ('utf-8', 'ignore'),
                 ('utf-8', 'surrogateescape'), ('utf-8', 'backslashreplace'),
                 ('latin-1', 'strict'), ('ascii', 'strict'), ('ascii', 'replace')]:
    with open(path, encoding=enc, errors=err) as f:
        t(f.read)
f = open(path, 'w', encoding='ascii')
t(f.write, 'caf\xe9')
t(f.write, 'ok')
f.close()
with open(path, 'w', encoding='utf-8', errors='surrogateescape') as f:
    f.write('a\udcff\n')
with open(path, 'rb') as f:
    print(f.read())
t(open, path, encoding='no-such-codec')
with open(path, 'wb') as f:
    f.write('\u00e9\u00e8\n'.encode())
with open(path, encoding='utf-8') as f:
    print(repr(f.read(1)), f.tell(), repr(f.read(1)), f.tell(), repr(f.readline()), f.tell())
