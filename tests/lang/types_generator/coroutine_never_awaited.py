# A coroutine collected before it started warns "coroutine ... was never awaited" (once per line).
async def job():
    return 1
c = job()
del c
for i in range(3):
    job()
async def other():
    pass
c = other()
c.close()
print("closed coroutine: no warning")
c = other()
try:
    c.send(None)
except StopIteration:
    print("finished")
print("end")
