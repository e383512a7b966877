# None, NotImplemented and Ellipsis: types, reprs, truthiness, singleton constructors.
print(repr(None), type(None)(), type(None)() is None, bool(None), hash(None) == hash(None))
print(repr(NotImplemented), type(NotImplemented)() is NotImplemented, repr(Ellipsis), type(...)() is ...)
try:
    bool(NotImplemented)
except TypeError as e:
    print(type(e).__name__, e)
print(bool(...), None.__eq__(None), None.__eq__(1), None.__ne__(None))
try:
    type(None)(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    None.x = 1
except AttributeError as e:
    print(type(e).__name__, e)
