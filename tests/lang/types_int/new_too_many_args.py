# int() and int.__new__ with too many positional arguments: two different CPython messages.
for f in (lambda: int(1, 2, 3), lambda: int.__new__(int, 1, 2, 3), lambda: int('1', 2, 3, 4), lambda: int.__new__(int, '1', 2, base=3)):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
class I(int):
    pass
for f in (lambda: I(1, 2, 3), lambda: int.__new__(I, 1, 2, 3), lambda: I(1, base=2, x=3)):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
