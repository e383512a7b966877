# all() and any() short-circuit and accept any iterable.
print(all([]), any([]), all([1, 2]), all([1, 0]), any([0, "", None]), any([0, "x"]), all("abc"), any(x > 3 for x in range(5)))
def gen():
    for v in (1, 0, 1):
        print("yield", v)
        yield v
print(all(gen()))
print(any(gen()))
try:
    all(5)
except TypeError as e:
    print(type(e).__name__, e)
