# classmethod/staticmethod: __new__/__init__, __get__, __wrapped__, __isabstractmethod__, __repr__, annotations.
class Call:
    def __repr__(self):
        return "Call()"
    def __call__(self, *a):
        return ("called", len(a))
def f(x: int) -> str:
    "f doc"
    return x
cm = classmethod(f)
sm = staticmethod(f)
print(repr(classmethod(Call())), repr(staticmethod(Call())))
print(cm.__wrapped__ is f, sm.__wrapped__ is f, cm.__func__ is f, sm.__doc__, cm.__name__, sm.__qualname__)
print(cm.__annotations__, sm.__annotations__, type(cm.__annotate__).__name__, sm.__annotate__(1))
print(cm.__isabstractmethod__, sm.__isabstractmethod__)
f.__isabstractmethod__ = True
print(cm.__isabstractmethod__, sm.__isabstractmethod__)
del f.__isabstractmethod__
class K:
    pass
bm = cm.__get__(None, K)
print(type(bm).__name__, bm.__self__ is K, cm.__get__(K()).__self__ is K, sm.__get__(None, K) is f)
print(sm(5), staticmethod(Call())(1, 2), sm.__call__(6))
e = classmethod.__new__(classmethod, None)
print(type(e).__name__)
classmethod.__init__(e, f)
print(e.__func__ is f)
staticmethod.__init__(sm, len)
print(sm.__func__ is len, sm("abc"))
print(classmethod[int], staticmethod[int, str])
cm.__annotations__ = {"a": 1}
print(cm.__annotations__, f.__annotations__)
for bad in (lambda: classmethod(), lambda: staticmethod(1, 2), lambda: classmethod(f, x=1),
            lambda: cm.__get__(), lambda: staticmethod(1)(), lambda: cm.__get__(None, None)):
    try:
        print(bad())
    except TypeError as e:
        print(type(e).__name__, e)
