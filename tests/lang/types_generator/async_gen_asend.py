# Async generator driven by hand: asend/__anext__ awaitables, ag_* attributes, StopAsyncIteration.
class Wait:
    def __await__(self):
        got = yield "waiting"
        return got

async def agen():
    print("start")
    x = yield 1
    print("got", x)
    y = await Wait()
    print("awaited", y)
    yield 2

g = agen()
print(type(g).__name__, g.__name__, g.__qualname__, g.ag_code is agen.__code__)
print(g.ag_running, g.ag_suspended, g.ag_await, type(g.ag_frame).__name__)
print(g.__aiter__() is g)
aw = g.__anext__()
print(type(aw).__name__)
try:
    aw.send(None)
except StopIteration as e:
    print("yielded", e.value)
print(g.ag_suspended, g.ag_running)
aw = g.asend("hello")
print(type(aw).__name__)
r = aw.send(None)
print("suspended on", r, type(g.ag_await).__name__, g.ag_running)
try:
    aw.send("resumed")
except StopIteration as e:
    print("yielded", e.value)
aw = g.asend(None)
try:
    aw.send(None)
except StopAsyncIteration as e:
    print("StopAsyncIteration", e.args)
print(g.ag_frame, g.ag_suspended, g.ag_await)
try:
    g.__anext__().send(None)
except StopAsyncIteration as e:
    print("again StopAsyncIteration", e.args)
g2 = agen()
try:
    g2.asend("x").send(None)
except TypeError as e:
    print(type(e).__name__, e)
try:
    g2.__anext__().send("x")
except TypeError as e:
    print(type(e).__name__, e)
aw = g2.__anext__()
try:
    aw.send(None)
except StopIteration as e:
    print("yielded", e.value)
try:
    aw.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)
aw2 = g2.asend(5)
aw2.close()
try:
    aw2.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)
