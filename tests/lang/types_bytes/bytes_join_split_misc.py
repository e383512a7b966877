# bytes join with bytearray parts, split with maxsplit, center, count with ints.
print(b",".join([b"a", bytearray(b"b"), memoryview(b"c")]), b"a b c".split(maxsplit=1), b"abcabc".count(97), b"abc".index(99))
print(b"abc"[::-1], bytes(reversed(b"abc")), b"AbC".lower(), b" x ".strip(), b"hello world".title())
try:
    b",".join(["a"])
except TypeError as e:
    print(type(e).__name__, e)
