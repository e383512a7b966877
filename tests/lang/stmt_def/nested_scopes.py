# Name resolution: local, enclosing, global, builtin (LEGB).
len = lambda x: "global len"
def outer():
    def inner():
        return len([1, 2])
    return inner()
print(outer())
del len
print(len([1, 2]))
x = "global"
def a():
    x = "enclosing"
    def b():
        return x
    return b()
print(a())
