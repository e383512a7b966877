# NameError for an undefined name inside a function, with suggestion from builtins.
def f():
    return lenn([1])
f()
