# memoryview comparisons and the hash of read-only views.
a = memoryview(b"abc")
print(a == b"abc", a == bytearray(b"abc"), a == memoryview(b"abc"), a != b"abd", a == "abc", a == [97, 98, 99])
print(a[::-1] == b"cba", a[1:] == b"bc", memoryview(bytearray(b"abc")) == a)
for op in ("<", "<=", ">", ">="):
    try:
        print(eval("a " + op + " a"))
    except TypeError as e:
        print(type(e).__name__, e)
print(hash(a) == hash(b"abc"), hash(a[::2]) == hash(b"ac"), hash(a) == a.__hash__())
try:
    hash(memoryview(bytearray(b"x")))
except ValueError as e:
    print(type(e).__name__, e)
try:
    hash(memoryview(bytearray(b"x")).toreadonly())
except TypeError as e:
    print(type(e).__name__, e)
print(a.__eq__(b"abc"), a.__ne__(b"abc"), a.__lt__(b"abc"), a.__le__(a), a.__gt__(a), a.__ge__(1))
