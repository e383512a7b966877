# Binary files: BufferedReader/Writer/Random, read/read1/peek/readline, raw and the mode strings.
import sys
path = '/tmp/ftpy-lang-io-binary_modes-' + sys.implementation.name + '.tmp'
with open(path, 'wb') as f:
    print(type(f).__name__, f.mode, type(f.raw).__name__, f.raw.mode)
    print(f.write(b'hello\nworld\n'), f.write(bytearray(b'abc')), f.write(memoryview(b'def')))
with open(path, 'rb') as f:
    print(type(f).__name__, f.mode, f.readable(), f.writable(), f.seekable())
    print(f.read(3), f.peek(2)[:2], f.read1(2), f.readline(), f.readline(2))
    print(f.read(), f.read(), f.read(5))
with open(path, 'rb') as f:
    print(f.readlines())
with open(path, 'r+b') as f:
    print(type(f).__name__, f.mode)
    print(f.read(5))
    f.write(b'!!')
    f.seek(0)
    print(f.read())
with open(path, 'ab') as f:
    print(f.mode, f.tell())
    f.write(b'END')
with open(path, 'rb') as f:
    data = f.read()
print(data)
with open(path, 'rb') as f:
    print([line for line in f])
with open(path, 'wb+') as f:
    print(f.mode, f.raw.mode)
    f.write(b'12345')
    f.seek(1)
    print(f.read(2), f.tell())
