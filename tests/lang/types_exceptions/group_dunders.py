# BaseExceptionGroup dunders: __new__ argument errors, __init__, __class_getitem__, __repr__, __str__, __reduce__.
BEG = BaseExceptionGroup
EG = ExceptionGroup
print(BEG.__class_getitem__(int), EG[ValueError], BEG[KeyError, int])
g = BEG.__new__(BEG, "m", [ValueError(1)])
print(type(g).__name__, g.args, g.message, g.exceptions)
BEG.__init__(g, "other", [KeyError(2)])
print(g.args, g.message, BEG.__repr__(g), BEG.__str__(g))
g = BEG.__new__(BEG, "m", [KeyboardInterrupt()])
print(type(g).__name__, repr(g), str(g))
print(g.__reduce__()[0].__name__, g.__reduce__()[1])
cases = [(), ("m",), ("m", [ValueError()], 3), (1, [ValueError()]), ("m", 5), ("m", []),
         ("m", [1]), ("m", ValueError()), ("m", "abc"), ("m", (ValueError(),))]
for args in cases:
    try:
        r = BEG(*args)
        print("ok", type(r).__name__, repr(r))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for args in [("m", [KeyboardInterrupt()]), ("m", [ValueError()])]:
    try:
        print("ok", repr(EG(*args)))
    except TypeError as e:
        print(type(e).__name__, e)
try:
    BEG("m", [ValueError()], x=1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    BEG.__new__(int, "m", [ValueError()])
except TypeError as e:
    print(type(e).__name__, e)
try:
    BEG.__new__()
except TypeError as e:
    print(type(e).__name__, e)
class MyEG(ExceptionGroup):
    def __new__(cls, message, excs, extra):
        self = super().__new__(cls, message, excs)
        self.extra = extra
        return self
    def __init__(self, message, excs, extra):
        super().__init__(message, excs)
m = MyEG("mm", [ValueError(5)], 9)
print(type(m).__name__, m.args, m.extra, repr(m), str(m))
try:
    class Bad(ExceptionGroup, KeyboardInterrupt):
        pass
    Bad("x", [KeyboardInterrupt()])
except TypeError as e:
    print(type(e).__name__, e)
class MyBEG(BaseExceptionGroup):
    pass
print(type(MyBEG("m", [ValueError()])).__name__, type(MyBEG("m", [KeyboardInterrupt()])).__name__)
try:
    class ValEG(BaseExceptionGroup, ValueError):
        pass
    ValEG("v", [KeyboardInterrupt()])
except TypeError as e:
    print(type(e).__name__, e)
print(EG("x", [ValueError(1)]).__class_getitem__(str))
