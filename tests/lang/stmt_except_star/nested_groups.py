# except* matches leaves inside nested groups and keeps the structure.
eg = ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [TypeError(2), ValueError(3)])])
try:
    raise eg
except* ValueError as g:
    print(repr(g))
except* TypeError as g:
    print(repr(g))
