# memoryview iteration, count and index.
m = memoryview(b"abcabc")
print(list(m), [x for x in m[::-2]], type(iter(m)).__name__, 98 in m, 120 in m)
print(m.count(97), m.count(120), m.index(99), m.index(97, 1), m.index(97, 1, 4))
for f in (lambda: m.index(120), lambda: m.index(97, 4, 5), lambda: m.count(), lambda: m.index("a")):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
it = iter(memoryview(b"xy"))
print(next(it), next(it), next(it, "end"))
