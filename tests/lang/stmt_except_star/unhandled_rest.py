# Unmatched parts of the group propagate as a new group.
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), KeyError(2)])
    except* ValueError as g:
        print("handled", g.exceptions)
except ExceptionGroup as rest:
    print("rest", repr(rest))
