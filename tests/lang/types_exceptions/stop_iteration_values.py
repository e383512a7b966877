# StopIteration carries the generator's return value; next() default avoids it.
def g():
    yield 1
    return [1, 2]
it = g()
next(it)
try:
    next(it)
except StopIteration as e:
    print(e.value, e.args)
print(next(iter([]), "empty"))
try:
    next(iter([]))
except StopIteration as e:
    print(repr(e), e.value)
