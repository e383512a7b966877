# Lambdas inside comprehensions capture the comprehension variable cell.
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])
print([[lambda: (i, j) for j in range(2)][1]() for i in range(2)])
