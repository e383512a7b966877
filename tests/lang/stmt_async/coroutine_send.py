# Driving a coroutine by hand with send() until StopIteration.
class Yielder:
    def __init__(self, v): self.v = v
    def __await__(self):
        got = yield self.v
        return got * 10
async def work():
    a = await Yielder("first")
    b = await Yielder("second")
    return a + b
c = work()
print(type(c).__name__)
print(c.send(None))
print(c.send(1))
try:
    c.send(2)
except StopIteration as e:
    print("result", e.value)
