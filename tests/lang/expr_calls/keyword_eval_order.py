# Call arguments are evaluated left to right, positional then keyword as written.
def v(x):
    print("eval", x)
    return x
def f(*a, **k): return a, sorted(k)
print(f(v(1), v(2), k=v(3), *[v(4)], j=v(5)))
print(v("obj").upper(v("arg") and 0 or None) if False else v("skip"))
