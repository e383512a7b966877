# BaseException dunders called explicitly: __new__, __init__, __repr__, __str__, __reduce__, __setstate__, with_traceback.
B = BaseException
e = B.__new__(B, 1, 2)
print(type(e).__name__, e.args, repr(e))
B.__init__(e, 3)
print(e.args, B.__str__(e), B.__repr__(e))
print(B.__reduce__(ValueError("x")), ValueError().__reduce__())
e = KeyError("k")
e.note = 5
print(e.__reduce__())
print(e.__reduce_ex__(2)[0].__name__, e.__reduce_ex__(2)[1])
e = ValueError(1)
print(e.__setstate__({"a": 1, "b": [2]}), e.a, e.b)
print(e.__setstate__(None))
for bad in [5, "x", (1,)]:
    try:
        e.__setstate__(bad)
    except TypeError as err:
        print(type(err).__name__, err)
try:
    e.__setstate__()
except TypeError as err:
    print(type(err).__name__, err)

class Custom(Exception):
    def __init__(self, a, b):
        super().__init__(a)
        self.b = b
c = Custom(1, 2)
print(c.args, repr(c), c.__reduce__())

class NoSuper(Exception):
    def __init__(self, *args):
        pass
n = NoSuper(1, 2, 3)
print(n.args, repr(n), str(n))

class NewOnly(Exception):
    def __new__(cls, *args):
        return super().__new__(cls, "fixed")
print(NewOnly(1, 2).args)

def tb():
    try:
        raise KeyError
    except KeyError as k:
        return k.__traceback__
t = tb()
e = ValueError("v")
print(e.with_traceback(t) is e, e.__traceback__ is t)
print(e.with_traceback(None) is e, e.__traceback__)
for bad in [1, "tb"]:
    try:
        e.with_traceback(bad)
    except TypeError as err:
        print(type(err).__name__, err)
try:
    e.with_traceback()
except TypeError as err:
    print(type(err).__name__, err)
try:
    e.__traceback__ = 5
except TypeError as err:
    print(type(err).__name__, err)

for bad in [(int,), (object,), (5,)]:
    try:
        B.__new__(*bad)
    except TypeError as err:
        print(type(err).__name__, err)
try:
    B.__new__()
except TypeError as err:
    print(type(err).__name__, err)
try:
    ValueError(x=1)
except TypeError as err:
    print(type(err).__name__, err)
try:
    B.__init__(e, x=1)
except TypeError as err:
    print(type(err).__name__, err)
try:
    B.__init__(5)
except TypeError as err:
    print(type(err).__name__, err)
print(repr(B()), repr(B("a")), repr(B("a", 2)), str(B()), str(B("a")), str(B("a", 2)))
print(repr(ValueError(ValueError("inner"))))
e = Exception(1)
e.args = [3, 4]
print(e.args, str(e))
try:
    del e.args
except TypeError as err:
    print(type(err).__name__, err)
