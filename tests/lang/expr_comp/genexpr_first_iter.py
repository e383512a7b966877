# The first iterable of a generator expression is evaluated immediately.
try:
    g = (x for x in 5)
except TypeError as e:
    print("eager:", e)
def lazy_fail():
    return (1 / 0 for _ in range(1))
g = lazy_fail()
print("created")
try:
    next(g)
except ZeroDivisionError as e:
    print("lazy:", e)
