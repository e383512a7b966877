# import inside a function binds a local name.
def f():
    import sys
    return sys.maxsize > 0
print(f())
try:
    sys
except NameError as e:
    print(type(e).__name__, e)
