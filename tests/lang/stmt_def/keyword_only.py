# Keyword-only parameters after * or *args.
def f(a, *, b, c=3):
    return a, b, c
print(f(1, b=2), f(1, c=4, b=5))
for call in (lambda: f(1, 2), lambda: f(1)):
    try:
        call()
    except TypeError as e:
        print(type(e).__name__, e)
def g(*args, key):
    return args, key
print(g(1, 2, key=3))
