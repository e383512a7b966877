# List comprehensions with nested loops and conditions.
print([x * x for x in range(6)])
print([(x, y) for x in range(3) for y in range(x)])
print([x for x in range(20) if x % 2 if x % 3])
print([[y for y in range(x)] for x in range(4)])
print([c.upper() for c in "abc" if c != "b"])
