# str replace (with count), translate, maketrans, and encode.
print("aaaa".replace("a", "b", 2), "abc".replace("", "-"), "hello".replace("l", ""), "x".replace("x", "yy", -1), "aaa".replace("a", "b", count=1))
t = str.maketrans("abc", "xyz", "d")
print(sorted(t.items()), "abcdd".translate(t))
print("hello".translate({ord("h"): "J", ord("o"): None}), str.maketrans({"a": "1"}))
print("héllo".encode(), "héllo".encode("ascii", "replace"), "héllo".encode("latin-1"), "é".encode("utf-16-le"))
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
try:
    str.maketrans("ab", "c")
except ValueError as e:
    print(type(e).__name__, e)
