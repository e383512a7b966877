# print() with sep, end, file=sys.stderr, flush, and non-string objects.
import sys
print(1, "two", 3.0, None, [4])
print("a", "b", sep="")
print("a", "b", sep=None, end=None)
print("no newline", end="|")
print()
print(*range(5), sep=", ", end=".\n")
print("to stderr", file=sys.stderr)
print("flushed", flush=True)
for kw in ({"sep": 5}, {"end": 1}, {"bad": 1}):
    try:
        print("x", **kw)
    except TypeError as e:
        print(type(e).__name__, e)
