# str strip family, padding, centering, zfill, expandtabs and prefix/suffix removal.
s = "  xx hello xx  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr(s.strip(" x")), repr("xxhixx".strip("x")))
print(repr("ab".center(7, "*")), repr("ab".center(6)), repr("ab".ljust(5, ".")), repr("ab".rjust(5)), repr("abc".center(2)))
print("42".zfill(6), "-42".zfill(6), "+4".zfill(4), "abc".zfill(2), "".zfill(3))
print(repr("a\tbc\td".expandtabs()), repr("a\tb".expandtabs(4)), repr("ab\t\nc\td".expandtabs(2)))
print("prefix_body".removeprefix("prefix_"), "body.txt".removesuffix(".txt"), "x".removeprefix("y"))
try:
    "a".center(5, "ab")
except TypeError as e:
    print(type(e).__name__, e)
