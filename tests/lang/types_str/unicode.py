# Non-ASCII strings: len, slicing, case mapping, repr escapes.
s = "naïve café 日本語 😀"
print(len(s), s[6:10], s[-1], s.upper(), s[::-1])
print(repr("\u200b\x1b"), ascii(s), s.encode("utf-8")[:8])
print("ﬁ".upper(), "İ".lower(), len("İ".lower()), "ß".upper(), "Σ".lower(), "ΑΣ".lower())
print(sorted(["b", "a", "é", "Z", "ä"]), "é" > "z")
