# bytearray maketrans/translate, replace and decode.
t = bytearray.maketrans(b"abc", bytearray(b"xyz"))
print(type(t).__name__, len(t), t[97:100])
ba = bytearray(b"aabbcc")
r = ba.translate(t)
print(type(r).__name__, r, ba)
print(ba.translate(None, b"b"), ba.translate(t, delete=b"a"), ba.translate(None))
print(ba.replace(b"b", b"XY"), ba.replace(b"a", b"", 1), ba.replace(b"", b"-"), ba.replace(b"c", b"d", 1))
try:
    ba.replace(b"c", b"d", count=1)
except TypeError as e:
    print(type(e).__name__, e)
print(type(ba.replace(b"q", b"r")).__name__, ba.replace(b"q", b"r") is ba)
u = bytearray("héllo", "utf-8")
print(u.decode(), u.decode("latin-1"), u.decode("ascii", "replace"), u.decode(errors="ignore", encoding="ascii"))
try:
    u.decode("ascii")
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
try:
    bytearray.maketrans(b"ab", b"c")
except ValueError as e:
    print(type(e).__name__, e)
try:
    ba.translate(b"short")
except ValueError as e:
    print(type(e).__name__, e)
