# bytearray.resize near sys.maxsize raises MemoryError or OverflowError instead of overflowing.
import sys
b = bytearray(b'abc')
for n in (sys.maxsize, sys.maxsize - 1, sys.maxsize - 63, sys.maxsize // 2, 2**62):
    try:
        b.resize(n)
    except MemoryError as e:
        print(type(e).__name__, repr(str(e)))
print(b)
for n in (sys.maxsize + 1, 2**64, -sys.maxsize - 2):
    try:
        b.resize(n)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
b.resize(5)
print(b)
