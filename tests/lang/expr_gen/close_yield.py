# Yielding from a finally during close() raises RuntimeError.
def g():
    try:
        yield 1
    finally:
        yield 2
it = g()
next(it)
try:
    it.close()
except RuntimeError as e:
    print(type(e).__name__, e)
def h():
    try:
        yield 1
    except GeneratorExit:
        print("saw GeneratorExit")
        raise
it = h()
next(it)
it.close()
