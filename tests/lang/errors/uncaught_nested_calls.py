# Traceback through several function frames, innermost last.
def a():
    b()
def b():
    c()
def c():
    return {}["missing"]
a()
