# Keyword arguments can be passed in any order and mixed with positional ones.
def f(a, b, c=3, *, d, e=5):
    return f"a={a} b={b} c={c} d={d} e={e}"
print(f(1, 2, d=4))
print(f(d=0, c=9, b=8, a=7))
print(f(1, e=0, d=1, b=2))
