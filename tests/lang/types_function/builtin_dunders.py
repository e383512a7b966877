# builtin_function_or_method dunders: equality, hash, __reduce__, __call__, __text_signature__, repr.
print(len.__eq__(len), len == len, len != abs, len.__ne__(abs), len.__eq__(1))
for name in ("__lt__", "__le__", "__gt__", "__ge__"):
    print(name, getattr(len, name)(abs))
try:
    len < abs
except TypeError as e:
    print(type(e).__name__, e)
print(hash(len) == len.__hash__(), hash([].append) == hash([].append))
l = []
print(l.append == l.append, l.append == [].append, l.append.__self__ is l)
print(len.__reduce__(), len.__reduce_ex__(2), type(l.append.__reduce__()).__name__, l.append.__reduce__()[0].__name__)
print(l.append.__reduce__()[1][1])
print(len.__call__([1, 2]), abs.__call__(-3), repr(len), repr(l.append).startswith("<built-in method append of list object at 0x"))
print(len.__text_signature__, abs.__text_signature__, divmod.__text_signature__, l.append.__text_signature__)
print(len.__name__, len.__qualname__, [].append.__qualname__, len.__module__, len.__self__.__name__)
for bad in (lambda: len.__call__(), lambda: len.__call__([], []), lambda: len.__call__(x=1),
            lambda: abs.__call__(1, 2)):
    try:
        print(bad())
    except TypeError as e:
        print(type(e).__name__, e)
