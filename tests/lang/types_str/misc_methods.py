# str format, indexing, iteration, len, in, comparison, hash consistency and immutability.
s = "hello"
print(s[0], s[-1], s[1:3], len(s), list(s)[:2], "ell" in s, s * 2, s < "help")
print(hash("abc") == hash("ab" + "c"), str(), str(5), str(b"x"), str(b"x", "ascii"), str(None))
try:
    s[0] = "j"
except TypeError as e:
    print(type(e).__name__, e)
try:
    s[10]
except IndexError as e:
    print(type(e).__name__, e)
print(str.__name__, type(s) is str, isinstance(s, str), s.__len__(), s.__contains__("h"))
print(min("hello"), max("hello"), sorted("hello"), "".join(reversed("abc")))
print(ord("€"), chr(8364), "%s" % "x", "{0!r}".format("q"))
