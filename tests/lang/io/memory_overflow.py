# BytesIO/StringIO positions near sys.maxsize: writes, seeks and reads raise OverflowError/MemoryError instead of wrapping.
from _io import BytesIO, StringIO
import sys
M = sys.maxsize
def t(label, f):
    try:
        r = f()
        print(label, repr(r)[:40])
    except Exception as e:
        print(label, type(e).__name__, e)
def bw(pos, data=b'x'):
    b = BytesIO(); b.seek(pos); return b.write(data)
def sw(pos, data='x'):
    s = StringIO(); s.seek(pos); return s.write(data)
t('b max', lambda: bw(M))
t('b 2**62', lambda: bw(2**62))
t('b 2**61', lambda: bw(2**61))
t('s max', lambda: sw(M))
t('s 2**62', lambda: sw(2**62))
t('s 2**61', lambda: sw(2**61))
t('s 2**60', lambda: sw(2**60))
t('s 2**59', lambda: sw(2**59))
def bseek1():
    b = BytesIO(b'abc'); b.seek(M); return b.seek(M, 1)
def bseek2():
    b = BytesIO(b'abc'); return b.seek(M, 2)
t('b seek cur', bseek1)
t('b seek end', bseek2)
def s_rl():
    s = StringIO('ab\ncd'); s.seek(1); return s.readline(M)
def s_rd():
    s = StringIO('ab\ncd'); s.seek(1); return s.read(M)
def s_rd2():
    s = StringIO('ab\ncd'); s.seek(M); return (s.read(M), s.readline(M), s.tell())
def b_rd2():
    b = BytesIO(b'ab\ncd'); b.seek(M); return (b.read(M), b.readline(M), b.read1(M), b.tell())
def b_rd():
    b = BytesIO(b'ab\ncd'); b.seek(1); return (b.read(M), b.seek(1), b.readline(M), b.seek(1), b.read1(M))
t('s readline', s_rl); t('s read', s_rd); t('s far', s_rd2); t('b far', b_rd2); t('b read', b_rd)
def s_state():
    s = StringIO(); s.__setstate__(('ab', '\n', M, None)); return (s.tell(), s.read(), s.write('x'))
def b_state():
    b = BytesIO(); b.__setstate__((b'ab', M, None)); return (b.tell(), b.read(), b.write(b'x'))
t('s state', s_state); t('b state', b_state)
def s_trunc():
    s = StringIO('abc'); return s.truncate(M), s.getvalue()
t('s trunc', s_trunc)
def b_rinto():
    b = BytesIO(b'abc'); b.seek(M); return b.readinto(bytearray(4))
t('b readinto', b_rinto)
