# nonlocal reaches the nearest enclosing function binding, skipping class scopes.
def outer():
    x = "outer"
    class C:
        x = "class"
        def m(self):
            nonlocal x
            x = "set via method"
            return x
    C().m()
    return x, C.x
print(outer())
def a():
    v = 0
    def b():
        v = 100
        def c():
            nonlocal v
            v += 1
        c()
        return v
    return b(), v
print(a())
