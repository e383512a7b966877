# Positional-only parameters before /.
def f(a, b=2, /, c=3, *, d=4):
    return a, b, c, d
print(f(1), f(1, 5, 6, d=7), f(1, c=8))
try:
    f(a=1)
except TypeError as e:
    print(type(e).__name__, e)
def g(x, /, **kw):
    return x, kw
print(g(1, x=2))
