# Awaiting a non-awaitable raises TypeError.
async def f():
    await 5
try:
    f().send(None)
except TypeError as e:
    print(type(e).__name__, e)
