# An async generator whose aclose() already began is closed, not handed to the finalizer hook, when dropped.
import sys

def finalizer(agen):
    print("finalizer hook got", agen.__name__)

class Pause:
    def __await__(self):
        yield "paused"

async def closing_slowly():
    try:
        yield 1
    finally:
        print("finally starts")
        await Pause()
        print("finally resumed")

async def plain():
    yield 1

def first_value(agen):
    try:
        agen.asend(None).send(None)
    except StopIteration as e:
        print("first value", e.value)

sys.set_asyncgen_hooks(finalizer=finalizer)

g = plain()
first_value(g)
print("dropping a started generator")
del g

g = closing_slowly()
first_value(g)
ac = g.aclose()
print("aclose step:", ac.send(None))
del ac
print("dropping a generator in aclose()")
del g
print("dropped")

g = closing_slowly()
first_value(g)
ac = g.aclose()
print("aclose step:", ac.send(None))
try:
    ac.send(None)
except StopIteration:
    print("aclose finished")
del ac
del g
print("done")
sys.set_asyncgen_hooks(finalizer=None)
