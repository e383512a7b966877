# Async generator athrow() and aclose() awaitables driven by hand, including the 3-argument deprecation.
import sys
async def agen():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("caught", type(e).__name__, e)
        yield "recovered"
    finally:
        print("finally")

def step(aw, value=None):
    try:
        r = aw.send(value)
        print("suspended", r)
    except StopIteration as e:
        print("StopIteration", e.value)
    except BaseException as e:
        print(type(e).__name__, e)

g = agen()
step(g.__anext__())
aw = g.athrow(ValueError("boom"))
print(type(aw).__name__)
step(aw)
step(g.athrow(ValueError("again")))
step(g.__anext__())

g = agen()
step(g.athrow(KeyError("early")))
step(g.__anext__())

g = agen()
step(g.__anext__())
aw = g.aclose()
print(type(aw).__name__)
step(aw)
step(g.aclose())
step(g.__anext__())

g = agen()
step(g.aclose())
print(g.ag_frame)

sys.stderr = sys.stdout
g = agen()
step(g.__anext__())
try:
    aw = g.athrow(ValueError, ValueError("three"), None)
    step(aw)
except DeprecationWarning as e:
    print(type(e).__name__, e)
step(g.__anext__())

async def ignores():
    try:
        yield 1
    except GeneratorExit:
        yield 2

g = ignores()
step(g.__anext__())
step(g.aclose())
step(g.__anext__())

async def awaits_in_finally():
    class W:
        def __await__(self):
            yield "in finally"
    try:
        yield 1
    finally:
        await W()
        print("finally done")

g = awaits_in_finally()
step(g.__anext__())
aw = g.aclose()
step(aw)
step(aw)

for bad in [(1,), ("x",), (ValueError, 1), (ValueError, None, 5)]:
    g = agen()
    step(g.__anext__())
    aw = g.athrow(*bad)
    print("created", bad)
    step(aw)
    step(g.aclose())

for bad in [(), (1, 2, 3, 4)]:
    aw = agen().athrow(*bad)
    print("created", bad)
    step(aw)
