# A def containing yield is a generator function.
def gen(n):
    for i in range(n):
        yield i * i
    return "done"
g = gen(4)
print(type(g).__name__, list(g))
def never():
    if False:
        yield
print(list(never()))
