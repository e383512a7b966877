# global inside a nested function refers to the module scope, not the enclosing function.
x = "module"
def outer():
    x = "outer"
    def inner():
        global x
        x = "set by inner"
    inner()
    return x
print(outer(), x)
