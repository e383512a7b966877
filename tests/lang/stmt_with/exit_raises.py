# An exception raised by __exit__ replaces the body's exception and chains it.
class CM:
    def __enter__(self): return self
    def __exit__(self, t, v, tb):
        raise TypeError("from exit")
try:
    with CM():
        raise ValueError("body")
except TypeError as e:
    print(repr(e), repr(e.__context__))
