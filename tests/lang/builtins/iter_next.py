# iter() with one and two arguments; next() with default; errors.
it = iter([1, 2])
print(next(it), next(it), next(it, "end"))
calls = [0]
def counter():
    calls[0] += 1
    return calls[0]
print(list(iter(counter, 4)))
for f in (lambda: iter(5), lambda: next([1]), lambda: iter(5, 1), lambda: next(iter([]))):
    try:
        f()
    except (TypeError, StopIteration) as e:
        print(type(e).__name__, e)
class Bad:
    def __iter__(self): return 5
try:
    iter(Bad())
except TypeError as e:
    print(type(e).__name__, e)
