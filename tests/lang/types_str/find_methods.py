# str find, rfind, index, rindex, count, startswith, endswith with ranges.
s = "abracadabra"
print(s.find("bra"), s.find("bra", 2), s.find("zz"), s.rfind("bra"), s.rfind("a", 0, 5), s.find(""), s.rfind(""))
print(s.index("cad"), s.rindex("a"), s.count("a"), s.count("a", 3), s.count(""), s.count("abra"))
print(s.startswith("abr"), s.startswith(("x", "ab")), s.startswith("bra", 1), s.endswith("bra"), s.endswith("cad", 0, 7), s.endswith(()))
for f in (lambda: s.index("zz"), lambda: s.rindex("q"), lambda: s.startswith(1), lambda: s.find(1)):
    try:
        f()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
