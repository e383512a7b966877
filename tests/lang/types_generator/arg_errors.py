# Generator, coroutine and async generator methods called with wrong argument counts and types.
def gen():
    yield 1
async def coro():
    pass
async def agen():
    yield 1
g = gen()
c = coro()
a = agen()
aw1 = a.__anext__()
aw2 = a.aclose()
aw3 = a.aclose()
calls = [
    lambda: g.send(),
    lambda: g.send(1, 2),
    lambda: g.close(1),
    lambda: g.throw(),
    lambda: g.throw(1, 2, 3, 4),
    lambda: g.__next__(1),
    lambda: next(g, 1, 2),
    lambda: c.send(),
    lambda: c.close(1),
    lambda: c.throw(),
    lambda: c.__await__(1),
    lambda: a.asend(),
    lambda: a.asend(1, 2),
    lambda: a.aclose(1),
    lambda: a.__anext__(1),
    lambda: a.__aiter__(1),
    lambda: aw1.send(),
    lambda: aw1.throw(),
    lambda: aw2.close(1),
    lambda: aw3.send(1, 2),
    lambda: g.send(x=1),
    lambda: a.asend(value=1),
    lambda: type(g).send(c, None),
    lambda: type(c).send(g, None),
    lambda: type(a).asend(g, None),
]
for f in calls:
    try:
        f()
        print("no error")
    except TypeError as e:
        print(type(e).__name__, e)
c.close()
print(aw1.close(), aw2.close(), aw3.close())
