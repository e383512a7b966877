# open(__file__) in text mode: read, readline, readlines and iteration over the program's own source.
# second line of the file
f = open(__file__)
print(type(f).__name__, type(f.buffer).__name__, type(f.buffer.raw).__name__)
print(f.mode, f.encoding, f.errors, f.line_buffering, f.closed)
print(repr(f.readline()))
print(repr(f.readline(6)))
print(repr(f.readline()))
rest = f.read()
print(len(rest.splitlines()), rest.splitlines()[-1])
print(repr(f.read()), repr(f.readline()))
f.close()
print(f.closed)
with open(__file__) as g:
    lines = g.readlines()
print(len(lines), lines[0].startswith('# open('), all(l.endswith('\n') for l in lines))
with open(__file__) as g:
    n = 0
    for line in g:
        n += 1
print(n == len(lines))
with open(__file__, 'rb') as h:
    data = h.read()
print(type(data).__name__, data.count(b'\n') == len(lines), data[:6])
