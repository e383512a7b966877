# A stream whose raw or buffer calls back into its wrapper: detach() from inside read1()/write(), and a re-entrant call.
import _io

class Buffer(_io.BytesIO):
    def read1(self, n=-1):
        if getattr(self, 'go', False):
            self.go = False
            t.detach()
            try:
                print('inner readline', repr(t.readline()))
            except Exception as e:
                print('inner', type(e).__name__, e)
        return super().read1(2)
b = Buffer(b'abc\ndef\n')
t = _io.TextIOWrapper(b, encoding='ascii')
b.go = True
for _ in range(2):
    try:
        print(repr(t.readline()))
    except Exception as e:
        print(type(e).__name__, e)

class Raw(_io._RawIOBase):
    def writable(self):
        return True
    def write(self, b):
        if self.go:
            self.go = False
            for f in (bw.detach, bw.flush, lambda: bw.write(b'z')):
                try:
                    f()
                except Exception as e:
                    print('inner', type(e).__name__, e)
        self.n += len(b)
        return len(b)
raw = Raw()
raw.go = True
raw.n = 0
bw = _io.BufferedWriter(raw, 4)
print(bw.write(b'abcdefgh'))
print(bw.raw is raw)
bw.flush()
print(raw.n)

class Writer(_io.BytesIO):
    def write(self, data):
        if self.go:
            self.go = False
            try:
                print('inner detach', type(tw.detach()).__name__)
            except Exception as e:
                print('inner', type(e).__name__, e)
        return super().write(data)
wb = Writer()
wb.go = True
tw = _io.TextIOWrapper(wb, encoding='ascii', write_through=True)
try:
    print(tw.write('hello'))
except Exception as e:
    print(type(e).__name__, e)
print(wb.getvalue())
try:
    tw.write('x')
except Exception as e:
    print(type(e).__name__, e)
