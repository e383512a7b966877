# TypeError messages for wrong argument counts and names.
def f(a, b):
    pass
def g(a, b=1, *, c):
    pass
def h():
    pass
calls = [lambda: f(1), lambda: f(1, 2, 3), lambda: f(1, 2, c=3), lambda: f(1, a=2),
         lambda: g(), lambda: g(1, 2, 3), lambda: h(1), lambda: h(x=1), lambda: f(b=1)]
for c in calls:
    try:
        c()
    except TypeError as e:
        print(e)
