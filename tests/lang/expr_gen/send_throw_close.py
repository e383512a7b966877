# Generator send, throw and close semantics.
def g():
    try:
        while True:
            try:
                v = yield
                print("recv", v)
            except ValueError as e:
                print("handled", e)
    finally:
        print("cleanup")
it = g()
next(it)
it.send(1)
it.throw(ValueError("oops"))
it.send(2)
it.close()
it.close()
try:
    it.send(3)
except StopIteration:
    print("stopped")
def h():
    yield 1
x = h()
try:
    x.throw(KeyError("k"))
except KeyError as e:
    print("unstarted throw", repr(e))
