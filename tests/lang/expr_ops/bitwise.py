# Bitwise operators on ints including negatives and shifts.
print(0b1100 & 0b1010, 0b1100 | 0b1010, 0b1100 ^ 0b1010, ~5, ~-1)
print(1 << 70, -1 << 3, 1024 >> 3, -1024 >> 3, -1 >> 100)
print(-12 & 0xFF, -12 | 3, -12 ^ 5)
try:
    1 << -1
except ValueError as e:
    print(type(e).__name__, e)
print(True & False, True | False, True ^ True, type(True & True).__name__)
