# async with and async for, driven without an event loop.
class ACM:
    async def __aenter__(self):
        print("aenter"); return "res"
    async def __aexit__(self, *a):
        print("aexit", a[0]); return False
class AIter:
    def __init__(self): self.i = 0
    def __aiter__(self): return self
    async def __anext__(self):
        self.i += 1
        if self.i > 3:
            raise StopAsyncIteration
        return self.i
async def main():
    async with ACM() as r:
        print("inside", r)
    total = []
    async for v in AIter():
        total.append(v)
    return total
try:
    main().send(None)
except StopIteration as e:
    print(e.value)
