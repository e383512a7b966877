# filter(), map() and zip() including None predicate, multiple iterables and strict.
print(list(filter(None, [0, 1, "", "a", None])), list(filter(lambda x: x % 2, range(7))))
print(list(map(str, [1, 2])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(map(pow, [2, 3], [3, 2], [5, 5])))
print(list(zip("abc", range(5))), list(zip()), list(zip("ab")), list(zip([1, 2], "xy", (True, False))))
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as e:
    print(type(e).__name__, e)
try:
    list(zip([1], [1, 2], strict=True))
except ValueError as e:
    print(type(e).__name__, e)
try:
    map(len)
except TypeError as e:
    print(type(e).__name__, e)
m = map(int, ["1", "x"])
print(next(m))
try:
    next(m)
except ValueError as e:
    print(type(e).__name__, e)
