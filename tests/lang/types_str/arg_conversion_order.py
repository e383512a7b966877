# str methods convert int arguments first and use clinic's overflow and type wordings.
s = "a\tbAb c"
calls = [
    lambda: s.split(1, None), lambda: s.rsplit(-1, 1.5), lambda: s.split("", "x"), lambda: s.split(sep=None, maxsplit=1),
    lambda: s.center(2**70), lambda: s.ljust(-2**70), lambda: s.rjust(2**70, "xy"), lambda: s.zfill(2**70),
    lambda: s.center(9, None), lambda: s.ljust(9, b"x"), lambda: s.rjust(9, "ab"), lambda: s.center(9, "é"),
    lambda: s.expandtabs(2**70), lambda: s.expandtabs(-2**40), lambda: s.expandtabs(2**31), lambda: s.expandtabs(3),
    lambda: s.encode(None), lambda: s.encode("ascii", None), lambda: s.encode(errors=1),
    lambda: s.replace("b", "x", 2**70), lambda: s.replace("b", "x", -2**70), lambda: s.replace("b", "x", 1.0),
    lambda: s.find("b", 2**70), lambda: s.count("b", -2**70, 2**70), lambda: s.index("b", None, None),
]
for i, f in enumerate(calls):
    try:
        print(i, repr(f()))
    except Exception as e:
        print(i, type(e).__name__, e)
