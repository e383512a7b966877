# bytearray search methods: startswith/endswith, index/rindex, find/rfind, partition/rpartition.
ba = bytearray(b"abcabcab")
print(ba.startswith(b"ab"), ba.startswith((b"x", bytearray(b"abc"))), ba.startswith(b"c", 2), ba.startswith(b"c", 2, 2))
print(ba.endswith(b"ab"), ba.endswith((b"x", b"cab")), ba.endswith(b"b", 0, 2), ba.endswith(b"", 8))
print(ba.index(b"c"), ba.index(99), ba.index(b"ab", 1), ba.rindex(b"ab"), ba.rindex(97, 0, 4), ba.rindex(b""))
print(ba.find(b"ca"), ba.find(b"zz"), ba.rfind(b"ca"), ba.rfind(98), ba.rfind(b"a", -3, -1))
for f in (lambda: ba.index(b"zz"), lambda: ba.rindex(b"zz"), lambda: ba.index(120), lambda: ba.rindex(b"a", 7)):
    try:
        f()
    except ValueError as e:
        print(type(e).__name__, e)
p = ba.partition(b"ca")
print(p, [type(x).__name__ for x in p])
p = ba.rpartition(b"ca")
print(p, [type(x).__name__ for x in p])
print(ba.partition(b"zz"), ba.rpartition(b"zz"))
q = ba.partition(b"zz")
print(q[0] is ba, q[0] == ba)
print(ba.removeprefix(b"abc"), ba.removeprefix(b"x"), ba.removesuffix(b"cab"), ba.removesuffix(b""))
r = ba.removeprefix(b"x")
print(type(r).__name__, r is ba)
