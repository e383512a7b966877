# code.co_lines() / co_branches() return a line_iterator and co_positions() a positions_iterator.
def f(x):
    for i in x:
        if i:
            yield i


c = f.__code__
for make in (c.co_lines, c.co_positions, c.co_branches, (lambda: 0).__code__.co_branches):
    it = make()
    T = type(it)
    print(T.__name__, T.__module__, T.__qualname__, sorted(T.__dict__), iter(it) is it)
    try:
        T()
    except Exception as e:
        print(type(e).__name__, e)
    try:
        it.__reduce__()
    except Exception as e:
        print(type(e).__name__, e)
    items = list(it)
    print(len(items) > 0, all(type(t) is tuple for t in items), list(it), next(it, "end"))
print(list(c.co_lines()) == list(c.co_lines()))
