# f-string conversions !r !s !a and the = specifier.
name = "wörld"
n = 42
print(f"{name!r} {name!s} {name!a} {n!r}")
print(f"{n=} {name=!s} {n + 1 = } {n=:>6}")
print(f"{'quoted'!r:>12}|")
class C:
    def __repr__(self): return "C-repr"
    def __str__(self): return "C-str"
print(f"{C()} {C()!r} {C()=}")
