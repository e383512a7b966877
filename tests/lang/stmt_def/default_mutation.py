# Keyword defaults and __defaults__ can be replaced at run time.
def f(a=1, b=2):
    return a + b
print(f())
f.__defaults__ = (10, 20)
print(f())
f.__defaults__ = None
try:
    f()
except TypeError as e:
    print(e)
