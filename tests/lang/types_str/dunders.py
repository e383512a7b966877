# str dunders called explicitly, including NotImplemented results and %-formatting.
s = "abc"
calls = [
    lambda: str.__add__(s, "d"), lambda: str.__add__(s, b"x"), lambda: str.__mul__(s, 2), lambda: str.__rmul__(s, 2),
    lambda: str.__mul__(s, "x"), lambda: str.__mod__("%s-%d", ("a", 3)), lambda: str.__mod__("%s", ()),
    lambda: str.__rmod__("x", "%s!"), lambda: str.__rmod__(s, 3), lambda: str.__mod__(s, 1),
    lambda: str.__eq__(s, "abc"), lambda: str.__eq__(s, 1), lambda: str.__ne__(s, "x"), lambda: str.__lt__(s, "b"),
    lambda: str.__le__(s, 1), lambda: str.__gt__(s, "ab"), lambda: str.__ge__(s, "abc"),
    lambda: str.__getitem__(s, 1), lambda: str.__getitem__(s, slice(None, None, -1)), lambda: str.__getitem__(s, 5),
    lambda: str.__getitem__(s, "x"), lambda: list(str.__iter__(s)), lambda: str.__hash__(s) == hash(s),
    lambda: str.__getnewargs__(s), lambda: str.__repr__("a'b"), lambda: str.__str__(s), lambda: str.__str__(s) is s,
    lambda: str.__format__(s, ">5"), lambda: str.__format__(s, ""), lambda: str.__format__(s, "d"),
    lambda: str.__format__(s, 5), lambda: s.__sizeof__() > 0, lambda: str.__new__(str, 5),
    lambda: str.__new__(str), lambda: str.__new__(int), lambda: str.__new__(str, b"x", "ascii"),
    lambda: str.__len__(s), lambda: str.__contains__(s, "b"), lambda: str.__contains__(s, 1),
    lambda: s.__reduce_ex__(2)[1], lambda: str.__add__(1, "a"), lambda: str.__getnewargs__(),
]
for i, f in enumerate(calls):
    try:
        print(i, f())
    except Exception as e:
        print(i, type(e).__name__, e)
