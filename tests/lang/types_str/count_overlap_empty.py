# count/replace/find with empty strings and overlapping patterns.
print("aaaa".count("aa"), "aaaa".replace("aa", "b"), "".count(""), "abc".count("", 1), "abc".find("", 5), "abc".find("", 3))
print("abc".replace("", "", 2), "".replace("", "x"), "ab".split("ab"), "abab".split("b", 1), "a".rsplit("a"))
