# Nested comprehensions see outer comprehension variables and enclosing function locals.
def f(n):
    k = 10
    return [[i * j + k for j in range(i)] for i in range(n)]
print(f(4))
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print([x for row in matrix for x in row if x % 2])
