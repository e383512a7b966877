# Decorators apply bottom-up; decorator expressions are arbitrary.
def tag(name):
    def deco(fn):
        def wrapper(*a):
            return f"<{name}>{fn(*a)}</{name}>"
        return wrapper
    return deco
@tag("b")
@tag("i")
def hello(x):
    return "hi " + x
print(hello("you"))
order = []
def trace(n):
    order.append("eval " + n)
    def d(f):
        order.append("apply " + n)
        return f
    return d
@trace("1")
@trace("2")
def g(): pass
print(order)
deco_list = [lambda f: f.__name__]
@deco_list[0]
def named(): pass
print(named)
