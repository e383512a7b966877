# Unpacking in calls: multiple * and ** and their order.
def f(*a, **k): return a, sorted(k.items())
print(f(*[1], 2, *(3, 4), x=1, **{"y": 2}, z=3, **{"w": 4}))
print(f(*"ab", *{}))
print(print(*[1, 2, 3], sep="-"))
