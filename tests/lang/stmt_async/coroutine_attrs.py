# Coroutine object attributes: cr_code, cr_running, cr_await, cr_frame, __name__.
class Wait:
    def __await__(self):
        yield "w"
async def job():
    await Wait()
c = job()
print(type(c).__name__, c.__name__, c.__qualname__, c.cr_code is job.__code__, c.cr_running, c.cr_await)
c.send(None)
print(type(c.cr_await).__name__, c.cr_frame is not None, c.cr_suspended)
c.close()
print(c.cr_frame)
