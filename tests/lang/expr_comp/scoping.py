# Comprehension variables do not leak; the first iterable is evaluated in the enclosing scope.
x = "outer"
r = [x for x in range(3)]
print(r, x)
class C:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
    try:
        bad = [v * len(vals) for v in vals]
    except NameError as e:
        err = str(e)
print(C.doubled, C.err)
def f():
    y = 10
    return [y + i for i in range(3)]
print(f())
