async def g():
    async with a as b, c:
        await b
    async for i in c:
        yield i
