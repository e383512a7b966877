# Annotated assignment inside a function: local binding, annotation not evaluated.
def f():
    x: undefined_name = 3
    y: int
    return x
print(f())
def g():
    a: int
    try:
        return a
    except UnboundLocalError as e:
        return type(e).__name__ + ": " + str(e)
print(g())
