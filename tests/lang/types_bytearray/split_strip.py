# bytearray split/rsplit/splitlines, strip family and join return bytearrays.
ba = bytearray(b"  a b  c  ")
for r in (ba.split(), ba.split(None, 1), ba.rsplit(), ba.rsplit(maxsplit=1), ba.split(b" "),
          bytearray(b"a,b,,c").split(b","), bytearray(b"a,b,,c").rsplit(b",", 1)):
    print(r, {type(x).__name__ for x in r})
lines = bytearray(b"one\ntwo\r\nthree\rfour")
print(lines.splitlines(), lines.splitlines(True), lines.splitlines(keepends=True)[1])
print(type(lines.splitlines()[0]).__name__, bytearray(b"").splitlines())
for r in (ba.strip(), ba.lstrip(), ba.rstrip(), bytearray(b"xxaxx").strip(b"x"),
          bytearray(b"xyaxy").lstrip(bytearray(b"yx")), bytearray(b"abccc").rstrip(b"c"), ba.strip(None)):
    print(type(r).__name__, r)
j = bytearray(b", ").join([b"a", bytearray(b"b"), memoryview(b"c")])
print(type(j).__name__, j, bytearray(b"-").join([]), bytearray().join(iter([b"x", b"y"])))
print(ba)
