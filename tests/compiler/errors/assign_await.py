async def job():
    await task() = 1
