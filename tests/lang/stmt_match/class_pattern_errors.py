# Too many positional sub-patterns raise TypeError; non-class raises TypeError.
class P:
    __match_args__ = ("a",)
    a = 1
try:
    match P():
        case P(1, 2): pass
except TypeError as e:
    print(type(e).__name__, e)
not_a_class = 5
try:
    match 1:
        case not_a_class(): pass
except TypeError as e:
    print(type(e).__name__, e)
