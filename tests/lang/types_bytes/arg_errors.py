# bytes methods called with wrong argument counts and types.
b = b"abc"
calls = [
    lambda: b.center(), lambda: b.center(5, "x"), lambda: b.center(5, b"xy"), lambda: b.center("5"),
    lambda: b.count(), lambda: b.count("a"), lambda: b.count(b"a", "1"), lambda: b.decode(1),
    lambda: b.decode("ascii", 1), lambda: b.decode(foo=1), lambda: b.endswith(), lambda: b.endswith("a"),
    lambda: b.endswith(["a"]), lambda: b.expandtabs("1"), lambda: b.find(), lambda: b.find([]),
    lambda: b.hex(1), lambda: b.hex("", 1), lambda: b.hex("xx"), lambda: b.index(), lambda: b.join(),
    lambda: b.join([1]), lambda: b.join(1), lambda: b.ljust(), lambda: b.lstrip("a"), lambda: b.lstrip(1, 2),
    lambda: b.partition(), lambda: b.partition("a"), lambda: b.replace(b"a"), lambda: b.replace("a", b"b"),
    lambda: b.replace(b"a", b"b", "1"), lambda: b.rfind(), lambda: b.rjust(1, 2), lambda: b.rsplit(1),
    lambda: b.rsplit(b""), lambda: b.split(b"", 1), lambda: b.split(sep=1), lambda: b.splitlines(1, 2),
    lambda: b.startswith(), lambda: b.startswith(1), lambda: b.strip(1), lambda: b.translate(),
    lambda: b.translate(b"x"), lambda: b.translate(None, 1), lambda: b.zfill(), lambda: b.zfill("1"),
    lambda: b.upper(1), lambda: b.isalpha(1), lambda: b.removeprefix(), lambda: b.removeprefix("a"),
    lambda: b.removesuffix(1), lambda: bytes.fromhex(1), lambda: bytes.fromhex("zz"),
    lambda: bytes.maketrans(), lambda: bytes.maketrans(b"a", "b"), lambda: b.title(x=1),
    lambda: b.splitlines(keepends=[]), lambda: b.rindex(b"a", None, "x"), lambda: b.capitalize(1),
]
for i, f in enumerate(calls):
    try:
        print(i, f())
    except Exception as e:
        print(i, type(e).__name__, e)
