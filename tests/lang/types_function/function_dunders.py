# Function dunders: __get__, __call__, __builtins__, __annotate__/__annotations__, __new__, __repr__.
import sys
def f(a: int, b: "str" = "x") -> list:
    return (a, b)
class K:
    def __repr__(self):
        return "K()"
k = K()
bm = f.__get__(k)
print(type(bm).__name__, bm.__self__ is k, bm("y"), f.__get__(None, K) is f, f.__get__(k, K).__func__ is f)
print(f.__call__(1), f.__call__(1, b=2), type(f).__call__(f, 3))
print(f.__builtins__ is __builtins__.__dict__ if hasattr(__builtins__, "__dict__") else f.__builtins__ is __builtins__)
print(type(f.__builtins__).__name__, f.__builtins__["len"] is len)
print(f.__annotations__, type(f.__annotate__).__name__, f.__annotate__(1))
def g(x):
    return x
print(g.__annotations__, g.__annotate__)
g.__annotate__ = lambda fmt: {"x": fmt}
print(g.__annotations__)
g.__annotations__ = {"y": 2}
print(g.__annotations__, g.__annotate__)
del g.__annotations__
print(g.__annotations__)
for bad in (lambda: setattr(g, "__annotate__", 5), lambda: setattr(g, "__annotations__", 5),
            lambda: delattr(g, "__annotate__"), lambda: f.__get__(), lambda: f.__get__(None, None),
            lambda: f.__call__(), lambda: setattr(f, "__builtins__", {})):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
F = type(f)
h = F.__new__(F, g.__code__, {"__builtins__": {}})
print(h(5), h.__name__, h.__builtins__)
h2 = F(f.__code__, globals(), "renamed", (9,))
print(h2.__name__, h2(1, 2), h2.__defaults__)
print(repr(f).startswith("<function f at 0x"), repr(K.__init__).startswith("<slot wrapper"), repr(lambda: 0).split(" at ")[0])
for bad in (lambda: F(1, {}), lambda: F(g.__code__, 1), lambda: F(g.__code__, {}, 5),
            lambda: F(g.__code__, {}, None, 5), lambda: F(), lambda: F(g.__code__, {}, closure=(1,))):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
