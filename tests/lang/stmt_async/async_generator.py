# Async generators driven by hand through __anext__ and send.
async def agen():
    yield 1
    yield 2
def drive(aw):
    try:
        aw.send(None)
    except StopIteration as e:
        return e.value
    except StopAsyncIteration:
        return "exhausted"
g = agen()
print(type(g).__name__)
print(drive(g.__anext__()), drive(g.__anext__()), drive(g.__anext__()))
async def comp():
    return [x async for x in agen()]
print(drive(comp()))
