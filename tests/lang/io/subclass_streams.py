# Subclassing the concrete _io classes: StringIO, BytesIO, FileIO, Buffered*, TextIOWrapper, with overridden methods and extra attributes.
import sys
import _io
path = '/tmp/ftpy-lang-io-subclass_streams-' + sys.implementation.name + '.tmp'

class S(_io.StringIO):
    def write(self, s):
        return super().write(s.upper())
s = S('x')
s.tag = 1
s.seek(0, 2)
s.write('abc')
print(type(s).__name__, s.getvalue(), s.tag, isinstance(s, _io.StringIO))

class B(_io.BytesIO):
    def __init__(self, data):
        super().__init__(data * 2)
b = B(b'ab')
print(type(b).__name__, b.read(), b.__class__.__mro__[1].__name__)

class F(_io.FileIO):
    pass
with F(path, 'w') as f:
    print(type(f).__name__, f.write(b'hello\n'), f.mode)

class R(_io.BufferedReader):
    def peek_all(self):
        return self.read()
r = R(_io.FileIO(path))
print(type(r).__name__, r.peek_all(), repr(r).startswith('<R name='))
r.close()

class W(_io.BufferedWriter):
    pass
class RW(_io.BufferedRandom):
    pass
w = W(_io.FileIO(path, 'w'), 8)
w.write(b'0123456789')
w.close()
rw = RW(_io.FileIO(path, 'r+'))
print(type(rw).__name__, rw.read(3), rw.seek(0, 2))
rw.close()

class T(_io.TextIOWrapper):
    def readline(self, *a):
        return '<' + super().readline(*a) + '>'
t = T(_io.BytesIO(b'one\ntwo\n'), encoding='utf-8')
print(type(t).__name__, t.readline(), t.readline(), t.buffer.__class__.__name__)
t.cycle = t
del t
print(sorted(k for k in vars(s)))
