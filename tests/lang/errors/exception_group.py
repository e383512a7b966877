# An uncaught ExceptionGroup prints the nested tree of exceptions.
def f():
    raise ExceptionGroup("several", [ValueError("v"), TypeError("t")])
f()
