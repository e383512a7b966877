# Writing a text file, then reading it back; 'w' truncates, 'a' appends, 'r+' updates in place.
import sys
path = '/tmp/ftpy-lang-io-write_read_back-' + sys.implementation.name + '.tmp'
f = open(path, 'w')
print(type(f).__name__, type(f.buffer).__name__, f.mode, f.writable(), f.readable())
print(f.write('first line\n'), f.write('second\n'), f.write(''))
f.writelines(['a\n', 'b\n'])
f.close()
with open(path) as f:
    print(repr(f.read()))
with open(path, 'w') as f:
    f.write('short\n')
with open(path) as f:
    print(repr(f.read()))
with open(path, 'a') as f:
    print(f.mode, f.tell())
    f.write('appended\n')
with open(path) as f:
    print(f.readlines())
with open(path, 'r+') as f:
    print(type(f.buffer).__name__, f.mode)
    print(repr(f.read(5)))
    f.seek(0)
    f.write('SHORT')
with open(path) as f:
    print(repr(f.read()))
with open(path, 'w+') as f:
    f.write('xyz\n')
    f.seek(0)
    print(repr(f.read()))
