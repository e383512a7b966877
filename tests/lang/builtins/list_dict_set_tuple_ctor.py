# Container constructors from various iterables and their errors.
print(list("ab"), tuple(range(3)), set([1, 1]), frozenset("aa"), dict(a=1), dict([("b", 2)]), dict(zip("xy", "12")))
for f in (lambda: list(5), lambda: tuple(None), lambda: dict(5), lambda: dict(["ab", "c"]), lambda: set(1.5), lambda: list(1, 2)):
    try:
        f()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
