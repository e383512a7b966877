# bytes() from ints, iterables, strings with encoding, buffer objects; errors.
print(bytes(), bytes(3), bytes([65, 66]), bytes(range(3)), bytes("é", "utf-8"), bytes(bytearray(b"ba")), bytes(b"x"), bytes(memoryview(b"mv")))
for args in (([256],), ("str",), ([-1],), (1.5,), (["a"],), (-1,)):
    try:
        bytes(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(b"ab" + b"cd", b"ab" * 2, b"a" in b"abc", 97 in b"abc", b"a" < b"b", repr(b"\x00\n\\'"), b"abc" == bytearray(b"abc"))
try:
    b"ab"[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    b"a" + "b"
except TypeError as e:
    print(type(e).__name__, e)
