async def run():
    async for msg in feed:
    pass
