# *args and **kwargs collect extra arguments.
def f(a, *args, **kwargs):
    return a, args, sorted(kwargs.items())
print(f(1))
print(f(1, 2, 3))
print(f(1, 2, x=3, y=4))
print(f(*[1, 2], **{"z": 5}))
print(f(*range(3), *"ab", **{"p": 1}, q=2))
