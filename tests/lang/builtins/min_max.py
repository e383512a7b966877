# min() and max() with iterables, varargs, key, default; errors for empty input.
print(min(3, 1, 2), max(3, 1, 2), min([4, 5]), max("hello"), min("b", "a", key=str.upper), max([1, -7], key=abs))
print(min([], default="none"), max((), default=0), max([(1, "b"), (1, "a")]), min([2, 1, 1.0]), max(1, 1.0), max(1.0, 1))
for f in (lambda: min([]), lambda: max(), lambda: min(1), lambda: max([1, "a"]), lambda: min(1, 2, default=0)):
    try:
        f()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
