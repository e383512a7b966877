# bytes/bytearray methods convert int arguments before reading buffers, and name the bad type.
calls = []
for T in (bytes, bytearray):
    r = T(b"a\tbAb c")
    calls += [
        lambda r=r: r.find(None, 1.5), lambda r=r: r.count(1.5, b"x"), lambda r=r: r.index(None, None, "x"),
        lambda r=r: r.split(0, None), lambda r=r: r.rsplit(1, b"ab"), lambda r=r: r.split(b"", "x"),
        lambda r=r: r.split(sep=bytearray(b"b")), lambda r=r: r.split(maxsplit=bytearray(b"b")),
        lambda r=r: r.hex(b"ab", 1.5), lambda r=r: r.hex(None), lambda r=r: r.hex([1]), lambda r=r: r.hex(b"::"),
        lambda r=r: r.hex(bytearray(b":")), lambda r=r: r.hex(memoryview(b":")), lambda r=r: r.hex("é"),
        lambda r=r: r.hex(b"\xff"), lambda r=r: r.hex(":", 2**70), lambda r=r: r.hex(sep=b"-", bytes_per_sep=-2),
        lambda r=r: r.center(bytearray(b"x")), lambda r=r: r.center(9, bytearray(b"xy")),
        lambda r=r: r.center(None, bytearray(b"xy")), lambda r=r: r.ljust(9, None), lambda r=r: r.rjust(9, bytearray(b"*")),
        lambda r=r: r.center(9, memoryview(b"*")), lambda r=r: r.center(9, r[:1]),
        lambda r=r: r.decode(None), lambda r=r: r.decode("ascii", None), lambda r=r: r.decode(bytearray(b"x")),
        lambda r=r: r.expandtabs(2**70), lambda r=r: r.expandtabs(-2**40), lambda r=r: r.expandtabs(bytearray(b"x")),
        lambda r=r: r.zfill(bytearray(b"x")), lambda r=r: r.translate(None, delete=bytearray(b"a")),
        lambda r=r: r.startswith((b"x", bytearray(b"a\t"))), lambda r=r: r.endswith(bytearray(b"c"), None, None),
    ]
for i, f in enumerate(calls):
    try:
        print(i, f())
    except Exception as e:
        print(i, type(e).__name__, e)
