# del of names: local, global, and unbound errors.
x = 1
del x
try:
    x
except NameError as e:
    print(type(e).__name__, e)
def f():
    y = 2
    del y
    try:
        return y
    except UnboundLocalError as e:
        return f"{type(e).__name__}: {e}"
print(f())
try:
    del undefined_thing
except NameError as e:
    print(type(e).__name__, e)
