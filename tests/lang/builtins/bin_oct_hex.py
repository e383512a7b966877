# bin(), oct(), hex() with negatives, big ints and __index__; errors for floats.
for n in (0, 1, -1, 255, -255, 2 ** 65):
    print(bin(n), oct(n), hex(n))
class I:
    def __index__(self): return 10
print(bin(I()), oct(I()), hex(I()), bin(True))
for bad in (1.5, "1"):
    try:
        hex(bad)
    except TypeError as e:
        print(type(e).__name__, e)
