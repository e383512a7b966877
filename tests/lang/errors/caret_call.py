# Carets under a failing call expression with arguments.
def f(a, b):
    return a.upper() + b
f("x", 1)
