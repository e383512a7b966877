# An error raised in an async generator's finally while aclose() is awaited, driven by hand, uncaught.
async def agen():
    try:
        yield 1
    finally:
        raise KeyError("from finally")

g = agen()
try:
    g.__anext__().send(None)
except StopIteration as e:
    print("yielded", e.value)
g.aclose().send(None)
