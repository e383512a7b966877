# Deeply nested containers: repr, comparison and hashing raise RecursionError; freeing them is fine.
def nest(n, wrap):
    x = wrap(())
    for i in range(n):
        x = wrap(x)
    return x
def show(what, f):
    try:
        f()
        print(what, "ok")
    except RecursionError as e:
        text = str(e)
        print(what, type(e).__name__, text.startswith("Stack overflow (used "), text.split("kB)")[1])
x = nest(130000, lambda x: [x])
y = nest(130000, lambda x: [x])
show("list repr", lambda: repr(x))
show("list ==", lambda: x == y)
del x, y
t = nest(130000, lambda x: (x,))
show("tuple hash", lambda: hash(t))
del t
d = nest(130000, lambda x: {1: x})
show("dict str", lambda: str(d))
del d
big = nest(300000, lambda x: [x, None])
del big
print("freed")
