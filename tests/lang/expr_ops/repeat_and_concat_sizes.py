# Sequence repetition with negative counts and huge counts raising errors.
print([1, 2] * -1, "ab" * 0, (1,) * 3, b"x" * 4, bytearray(b"y") * 2)
try:
    [0] * (2 ** 62)
except MemoryError as e:
    print(type(e).__name__)
try:
    "x" * (2 ** 100)
except OverflowError as e:
    print(type(e).__name__, e)
