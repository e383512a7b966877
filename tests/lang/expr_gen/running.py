# A generator cannot be re-entered while running.
def g():
    yield me.send(None)
me = g()
try:
    next(me)
except ValueError as e:
    print(type(e).__name__, e)
