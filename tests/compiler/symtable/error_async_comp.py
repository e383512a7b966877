def f(s):
    return [x async for x in s]
