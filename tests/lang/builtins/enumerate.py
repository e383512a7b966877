# enumerate() with start values and on iterators; it is an iterator itself.
print(list(enumerate("abc")), list(enumerate("ab", 10)), list(enumerate([], 5)), list(enumerate("x", start=-1)))
e = enumerate(iter([7, 8]))
print(type(e).__name__, next(e), iter(e) is e, list(e))
try:
    enumerate(5)
except TypeError as ex:
    print(type(ex).__name__, ex)
print(list(enumerate("ab", 2 ** 64)))
