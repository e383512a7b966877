# lambda expressions with all parameter kinds.
add = lambda a, b=2: a + b
print(add(1), add(1, 5))
va = lambda *a, **k: (a, sorted(k))
print(va(1, 2, x=3))
ko = lambda a, /, b, *, c: (a, b, c)
print(ko(1, 2, c=3))
print((lambda: "no args")())
print(type(add).__name__, add.__name__)
print(sorted([3, -1, 2], key=lambda x: -x))
