# sys.exception() tracks the innermost handled exception across nested handlers and calls.
import sys
def show():
    e = sys.exception()
    return type(e).__name__ if e else None
try:
    raise KeyError
except KeyError:
    print(show())
    try:
        raise ValueError
    except ValueError:
        print(show())
    print(show())
print(show())
def gen():
    yield show()
try:
    raise TypeError
except TypeError:
    g = gen()
    print(next(g))
