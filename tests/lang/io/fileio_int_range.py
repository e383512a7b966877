# FileIO fd, opener result and seek whence outside C int range raise as CPython (no truncation to another fd).
import _io
for fd in (2**32 + 1, 2**31, -2**31 - 1, 2**63, -1):
    try:
        _io.FileIO(fd, closefd=False)
    except Exception as e:
        print(fd, type(e).__name__, e)
try:
    _io.FileIO('/dev/null', opener=lambda p, fl: 2**32 + 1)
except Exception as e:
    print('opener', type(e).__name__, e)
try:
    _io.FileIO('/dev/null', opener=lambda p, fl: -2)
except Exception as e:
    print('opener', type(e).__name__, e)
f = _io.FileIO('/dev/null')
for w in (2**32, 2**31, -2**31 - 1, 2**63, 7):
    try:
        f.seek(0, w)
    except Exception as e:
        print('whence', w, type(e).__name__, e)
print('stdout still open')
