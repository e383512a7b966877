# open() errors: missing files, directories, invalid mode strings and argument combinations.
import sys
def t(*a, **k):
    try:
        f = open(*a, **k)
        print(type(f).__name__, f.mode)
        f.close()
    except Exception as e:
        print(type(e).__name__, e)
try:
    open('/nonexistent-dir-ftpy/missing.txt')
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename, isinstance(e, OSError))
    print(e)
try:
    open('/')
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename)
me = __file__
for mode in ['rw', 'rr', '', 'z', 'rb+x', 'rt b', 'U', 'bt', 'wa', 'r++', '+', 'tb', 'xr']:
    t(me, mode)
t(me, 'rb', encoding='utf-8')
t(me, 'rb', errors='strict')
t(me, 'rb', newline='')
t(me, 'r', buffering=0)
t(me, closefd=False)
t(me, mode=5)
t(me, encoding=5)
t(me, errors=5)
t(3.5)
t(None)
t()
t(me, 'r', -1, None, None, None, True, None, 9)
t(me, foo=1)
t(me, 'r', buffering='x')
