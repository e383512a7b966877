# String comparison is by code point; equality and hashing of equal strings built differently.
a = "".join(["ab", "c"])
print(a == "abc", a is not None, hash(a) == hash("abc"), "a" < "aa" < "b", "Z" < "a" < "é" < "日")
print(sorted(["banana", "Apple", "cherry", "apple"]), max(["x", "xy", "w"]), "abc".__lt__(5))
