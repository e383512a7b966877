[x for x in y]
[x for x in y if x if not x for z in x]
{x for x in y}
{k: v for k, v in items}
(x async for x in aiter() if await x)
[y := f(x) for x in data]
[[a for a in b] for b in c]
