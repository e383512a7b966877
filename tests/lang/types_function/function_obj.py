# Function objects: __code__, __globals__, __closure__, __defaults__, __kwdefaults__, __type_params__.
def outer():
    v = 10
    def inner(a, b=2, *, c=3):
        return a + b + c + v
    return inner
f = outer()
print(f.__name__, f.__qualname__, f.__defaults__, f.__kwdefaults__, f(1))
print(f.__globals__ is globals(), len(f.__closure__), f.__closure__[0].cell_contents, type(f.__closure__[0]).__name__)
print(f.__code__.co_varnames, f.__code__.co_freevars, f.__code__.co_argcount, f.__code__.co_kwonlyargcount)
print(type(f).__name__, f.__type_params__, f.__dict__, f.__module__, callable(f))
