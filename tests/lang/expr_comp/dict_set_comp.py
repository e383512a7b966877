# Dict and set comprehensions.
print({k: k * k for k in range(5)})
print(sorted({c for c in "mississippi"}))
print({v: k for k, v in {"a": 1, "b": 2}.items()})
print({(i, j): i * j for i in range(2) for j in range(2)})
print({x % 3 for x in range(10)})
