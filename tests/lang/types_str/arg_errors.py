# str methods called with wrong argument counts and types.
s = "abc"
calls = [
    lambda: s.center(), lambda: s.center(5, "xy"), lambda: s.center(5, 1), lambda: s.center("5"),
    lambda: s.count(), lambda: s.count(1), lambda: s.count("a", "1"), lambda: s.encode(1),
    lambda: s.encode("ascii", 1), lambda: s.encode(foo=1), lambda: s.endswith(), lambda: s.endswith(b"a"),
    lambda: s.endswith(["a"]), lambda: s.expandtabs("1"), lambda: s.find(), lambda: s.find(1),
    lambda: s.format_map(), lambda: s.format_map(1, 2), lambda: s.index(), lambda: s.index("z"),
    lambda: s.join(), lambda: s.join([1]), lambda: s.join(1), lambda: s.ljust(), lambda: s.lstrip(1),
    lambda: s.partition(), lambda: s.partition(""), lambda: s.partition(1), lambda: s.replace("a"),
    lambda: s.replace(1, "b"), lambda: s.replace("a", "b", "1"), lambda: s.rfind(), lambda: s.rindex("z"),
    lambda: s.rjust(1, 2), lambda: s.rpartition(b""), lambda: s.rsplit(1), lambda: s.rsplit(""),
    lambda: s.split("", 1), lambda: s.split(sep=1), lambda: s.splitlines(1, 2), lambda: s.startswith(),
    lambda: s.startswith(1), lambda: s.strip(1), lambda: s.translate(), lambda: s.translate(1),
    lambda: s.zfill(), lambda: s.zfill("1"), lambda: s.upper(1), lambda: s.isalpha(1), lambda: s.removeprefix(),
    lambda: s.removeprefix(b"a"), lambda: s.removesuffix(1), lambda: str.maketrans(), lambda: str.maketrans(1),
    lambda: str.maketrans("ab", "c"), lambda: str.maketrans({"ab": 1}), lambda: str.maketrans("a", "b", 1),
    lambda: s.title(x=1), lambda: s.casefold(1), lambda: s.capitalize(1),
    lambda: s.isidentifier(1), lambda: s.isprintable(1), lambda: s.swapcase(1), lambda: s.splitlines(keepends=[]),
]
for i, f in enumerate(calls):
    try:
        print(i, f())
    except Exception as e:
        print(i, type(e).__name__, e)
