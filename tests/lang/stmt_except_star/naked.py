# except* wraps a naked exception in an ExceptionGroup.
try:
    raise ValueError("naked")
except* ValueError as g:
    print(type(g).__name__, repr(g.exceptions), g.message == "")
