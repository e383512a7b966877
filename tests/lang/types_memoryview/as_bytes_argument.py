# memoryview as the argument of bytes and bytearray methods, concatenation and constructors.
m = memoryview(b"b")
for r in (b"abcb".find(m), b"abcb".rfind(m, 1), b"abc".count(m), b"abc".index(m), b"abc".rindex(m),
          b"ab".startswith(m), b"ab".endswith((b"x", m)), b"aba".replace(m, b"X"), b"a".replace(b"a", m),
          b"abc".split(m), b"abc".rsplit(m), b"bab".strip(m), b"bab".lstrip(m), b"bab".rstrip(m),
          b"bab".removeprefix(m), b"bab".removesuffix(m), b"abc".translate(None, m), m in b"abc",
          bytes.maketrans(m, b"z")[98], b"x" + m, bytes.fromhex(memoryview(b"4142")),
          bytearray(b"abc").find(m), bytearray(b"abc").split(m), bytearray(b"abc").replace(m, b"x"),
          bytearray(b"x") + m, m in bytearray(b"abc"), bytearray.fromhex(memoryview(b"41")),
          bytes(memoryview(b"abcd")[::2]), bytearray(memoryview(b"abcd").cast("H")), b"".join([m, b"c"])):
    print(r)
p = b"abc".partition(m)
print(p[0], p[1] is m, p[2], b"abc".rpartition(m)[1] is m, bytearray(b"abc").partition(m)[1])
ba = bytearray(b"xy")
ba += memoryview(b"zw")
print(ba)
try:
    ba += memoryview(b"zw")[::-1]
except TypeError as e:
    print(type(e).__name__, e)
nc = memoryview(b"abcd")[::2]
for f in (lambda: b"abcd".find(nc), lambda: b"x" + nc, lambda: bytearray(b"x") + nc, lambda: b"".join([nc]),
          lambda: b"ab".startswith(nc), lambda: b"a".center(3, m), lambda: b"abc".expandtabs(m),
          lambda: b"abc".zfill(m), lambda: b"abc".join(m), lambda: b"a".ljust(2, memoryview(b"-"))):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print(str(memoryview(b"ab"), "ascii"), str(memoryview(bytearray("é", "utf-8")), "utf-8"))
try:
    str(memoryview(b"abcd")[::2], "ascii")
except TypeError as e:
    print(type(e).__name__, e)
