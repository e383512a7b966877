# Every dunder bool defines, called explicitly, with bool and int operands.
print(bool.__and__(True, False), bool.__and__(True, 3), bool.__and__(True, 'x'), bool.__rand__(False, True))
print(bool.__or__(False, False), bool.__or__(False, 6), bool.__ror__(True, False), bool.__ror__(False, 4))
print(bool.__xor__(True, True), bool.__xor__(True, 2), bool.__rxor__(True, False), bool.__rxor__(True, 5))
print(bool.__or__(True, 1.5), bool.__xor__(False, None), bool.__rand__(True, 'a'), bool.__ror__(True, []))
print(bool.__repr__(True), bool.__repr__(False), True.__bool__(), False.__index__(), True.__int__())
print(type(True & 1).__name__, type(True & False).__name__, type(1 & True).__name__, type(False ^ False).__name__)
for f in (lambda: bool.__invert__(True), lambda: bool.__invert__(False)):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
print(bool.__new__(bool), bool.__new__(bool, 0), bool.__new__(bool, 'x'), bool.__new__(bool, []))
for f in (lambda: bool.__new__(bool, 1, 2), lambda: bool.__new__(int, 1), lambda: bool(x=1),
          lambda: bool.__new__(), lambda: bool.__and__(1, True), lambda: bool.__repr__(1),
          lambda: bool.__new__(1), lambda: bool.__or__(True), lambda: bool.__xor__(True, 1, 2)):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
print(True.__getnewargs__(), True.__format__(''), False.__format__('>7'), True.__format__('d'))
print(True.__round__(), True.__trunc__(), True.__floor__(), True.__ceil__(), type(True.__round__()).__name__, type(True.__floor__()).__name__)
print(True.__hash__(), False.__hash__(), True.__neg__(), True.__pos__(), type(True.__pos__()).__name__, True.__abs__(), True.__float__())
