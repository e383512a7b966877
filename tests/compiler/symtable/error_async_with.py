def f():
    async with ctx:
        pass
