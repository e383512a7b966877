# Bare * separator, empty *args/**kwargs and passing unpacked empties.
def f(*, only): return only
def g(*args, **kwargs): return len(args), len(kwargs)
print(f(only=1), g(), g(*[], **{}), g(*(), 1))
try:
    f(1)
except TypeError as e:
    print(e)
