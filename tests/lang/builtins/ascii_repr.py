# ascii() and repr() escape differently; repr of many builtin values.
for v in ("plain", "é", "日本", "\n\t", "'", '"', "'\"", "\x00\x7f", b"\xff", 1.5, [1, "é"], {"k": ("v",)}, None, ...):
    print(repr(v), ascii(v))
class R:
    def __repr__(self): return "Ré"
print(repr(R()), ascii(R()), ascii([R()]))
