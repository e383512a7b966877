# Closures capture variables, not values; cells are shared.
def make():
    fns = []
    for i in range(3):
        fns.append(lambda: i)
    return fns
print([f() for f in make()])
def make2():
    return [lambda i=i: i for i in range(3)]
print([f() for f in make2()])
def outer():
    x = 1
    def get(): return x
    x = 2
    return get
print(outer()())
