# Iterating strings yields length-1 strings; enumerate and reversed work on them.
s = "héllo"
print([c for c in s], [i for i, c in enumerate(s) if c == "l"], list(reversed(s))[:2], s[len(s) - 1], s[-len(s)])
it = iter("ab")
print(next(it), next(it), next(it, None), type(iter("")).__name__)
