# next() with a default on an exhausted generator and iterator class.
def g():
    yield 1
it = g()
print(next(it, "d"), next(it, "d"), next(it, None))
class It:
    def __next__(self): raise StopIteration("done")
print(next(It(), "dflt"))
