# format() with default spec, __format__ hooks and errors.
print(format(5), format(5, "03"), format("s", "^5"), format(1.5, ".3f"), format([1], ""), format(None, ""))
class F:
    def __format__(self, spec): return f"<{spec}>"
print(format(F(), "xyz"), format(F()))
for args in (([1], "x"), (1, 5), (object(), "d")):
    try:
        format(*args)
    except TypeError as e:
        print(type(e).__name__, e)
class BadFmt:
    def __format__(self, spec): return 5
try:
    format(BadFmt())
except TypeError as e:
    print(type(e).__name__, e)
