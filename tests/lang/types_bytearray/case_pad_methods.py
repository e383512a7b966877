# bytearray case and padding methods return new bytearrays and leave the original unchanged.
ba = bytearray(b"hello wORLD\tx")
for name in ("capitalize", "lower", "upper", "swapcase", "title", "expandtabs"):
    r = getattr(ba, name)()
    print(name, type(r).__name__, r, r is ba)
print(ba.expandtabs(4), ba.expandtabs(tabsize=2))
s = bytearray(b"ab")
for r in (s.center(6), s.center(7, b"*"), s.ljust(5), s.ljust(5, bytearray(b"-")), s.rjust(5),
          s.rjust(1), s.zfill(5), bytearray(b"-7").zfill(4), bytearray(b"+x").zfill(1)):
    print(type(r).__name__, r)
c = s.center(2)
print(c == s, c is s, type(c).__name__)
print(ba)
