# An exception thrown into a generator with throw() and not caught: the traceback shows the yield.
def gen():
    yield 1
    yield 2

def driver():
    g = gen()
    next(g)
    g.throw(ValueError("thrown in"))

driver()
