if a:
    pass
elif b:
    x = 1
elif c:
    pass
else:
    y = 2

while x:
    break
else:
    pass

for i, j in pairs:
    continue
else:
    pass

async def g():
    async for x in y:
        await x
    async with a as b, c:
        pass

with a as (b, c), d as e[0]:
    pass

with (open(f) as g, open(h) as i,):
    pass

try:
    pass
except ValueError as e:
    pass
except (A, B):
    pass
except C, D:
    pass
except:
    pass
else:
    pass
finally:
    pass

try:
    pass
except* ExceptionGroup as eg:
    pass

try:
    x
finally:
    y
