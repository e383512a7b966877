# StopIteration raised inside a generator becomes RuntimeError (PEP 479).
def g():
    yield 1
    raise StopIteration("inner")
it = g()
print(next(it))
try:
    next(it)
except RuntimeError as e:
    print(type(e).__name__, e, repr(e.__cause__))
