# A text file larger than one read chunk: readlines, iteration, read(n), tell/seek and next() disabling tell().
import sys
import _io
p = '/tmp/ftpy-lang-io-large_file-' + sys.implementation.name + '.tmp'
with open(p, 'w', newline='') as f:
    for i in range(3000):
        f.write('l\u00e9ne %d%s' % (i, ['\n', '\r\n', '\r'][i % 3]))
with open(p) as f:
    lines = f.readlines()
print(len(lines), lines[-1], repr(f.newlines))
with open(p, newline='') as f:
    n = sum(1 for _ in f)
print(n)
with open(p) as f:
    out = []
    while True:
        s = f.read(7)
        if not s: break
        out.append(s)
print(len(out), len(''.join(out)), ''.join(out) == ''.join(lines))
with open(p) as f:
    for i in range(1000): f.readline()
    pos = f.tell(); a = f.readline(); f.seek(pos); print(pos, a == f.readline())
with open(p, 'rb') as f:
    data = f.read()
print(len(data))
with open(p, 'r+') as f:
    f.seek(0, 2); e = f.tell(); f.write('END\n'); f.seek(e); print(repr(f.read()))
with open(p) as f:
    try:
        for line in f:
            f.tell()
            break
    except OSError as e: print(type(e).__name__, e)
with open(p) as f:
    next(f)
    try:
        f.seek(0, 1)
    except OSError as e:
        print(type(e).__name__, e)
    f.flush()
    print(f.tell() > 0)
    for line in f:
        pass
    print(f.tell() == len(data))
