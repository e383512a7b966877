# Infinite generators consumed partially with zip and next.
def naturals():
    n = 0
    while True:
        yield n
        n += 1
def take(n, it):
    return [x for _, x in zip(range(n), it)]
print(take(5, naturals()))
sq = (x * x for x in naturals())
print([next(sq) for _ in range(6)])
