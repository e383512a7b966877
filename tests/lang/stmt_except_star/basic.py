# except* splits an ExceptionGroup by type.
try:
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ValueError(3)])
except* ValueError as g:
    print("values", repr(g))
except* TypeError as g:
    print("types", repr(g))
