async def f():
    def g[*Ts = (await y)](): pass
