# Positional parameters with defaults; defaults are evaluated once.
def f(a, b=2, c=3):
    return a, b, c
print(f(1), f(1, 5), f(1, c=9), f(c=0, a=1, b=2))
def g(x, acc=[]):
    acc.append(x)
    return acc
print(g(1), g(2))
print(f.__defaults__, g.__defaults__)
