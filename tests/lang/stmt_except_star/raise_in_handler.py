# Raising inside an except* handler: the new exception propagates with the group as context.
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError:
        raise KeyError("new")
except Exception as g:
    print(repr(g))
    print(repr(g.__context__))
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError("new")
except Exception as g:
    print(repr(g))
