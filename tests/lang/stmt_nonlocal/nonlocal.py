# nonlocal rebinds a variable in the enclosing function scope.
def outer():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    inc(); inc()
    return n, inc()
print(outer())
def a():
    x = "a"
    def b():
        def c():
            nonlocal x
            x = "c"
        c()
    b()
    return x
print(a())
