# Closures created in a loop share one cell per variable per function call.
def make():
    out = []
    for name in ("a", "b"):
        def show(): return name
        out.append(show)
    return out
print([f() for f in make()])
def counter_pair():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    def get(): return n
    return inc, get
inc, get = counter_pair()
inc(); inc()
print(get())
