# await of another coroutine runs it inline.
class Tick:
    def __await__(self):
        yield "tick"
        return "ticked"
async def inner(x):
    r = await Tick()
    return f"{r}:{x}"
async def outer():
    a = await inner(1)
    b = await inner(2)
    return [a, b]
def run(coro):
    steps = 0
    try:
        while True:
            coro.send(None)
            steps += 1
    except StopIteration as e:
        return steps, e.value
print(run(outer()))
