# A walrus inside a comprehension binds in the enclosing function scope.
def f():
    total = 0
    partial = [total := total + x for x in range(5)]
    return partial, total
print(f())
