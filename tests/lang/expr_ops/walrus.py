# Assignment expressions in conditions, comprehensions and while loops.
data = [1, 5, 12, 3, 20]
if (n := len(data)) > 3:
    print("len", n)
print([y for x in data if (y := x * 2) > 10], y)
it = iter(data)
total = 0
while (v := next(it, None)) is not None:
    total += v
print(total, v)
print((w := 10) + w)
def f():
    [(z := i) for i in range(3)]
    return z
print(f())
