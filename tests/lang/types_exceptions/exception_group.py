# ExceptionGroup/BaseExceptionGroup construction, subgroup, split, derive, exceptions.
eg = ExceptionGroup("msg", [ValueError(1), TypeError(2), ExceptionGroup("inner", [ValueError(3)])])
print(repr(eg), str(eg), eg.message, len(eg.exceptions))
print(repr(eg.subgroup(ValueError)))
match, rest = eg.split(TypeError)
print(repr(match), repr(rest))
print(repr(eg.subgroup(lambda e: isinstance(e, ValueError) and e.args[0] == 3)))
print(eg.subgroup(KeyError), repr(eg.derive([KeyError(0)])))
print(type(BaseExceptionGroup("x", [KeyboardInterrupt()])).__name__, type(BaseExceptionGroup("x", [ValueError()])).__name__)
for args in (("m", []), ("m", [1]), (1, [ValueError()]), ("m", ValueError())):
    try:
        ExceptionGroup(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    ExceptionGroup("m", [KeyboardInterrupt()])
except TypeError as e:
    print(type(e).__name__, e)
