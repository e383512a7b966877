# Cell objects: contents, empty cells and comparisons.
def make():
    x = 1
    def get(): return x
    return get
g = make()
cell = g.__closure__[0]
print(cell.cell_contents)
cell.cell_contents = 99
print(g())
def late():
    def get(): return y
    c = get.__closure__[0]
    try:
        c.cell_contents
    except ValueError as e:
        print(type(e).__name__, e)
    y = 5
    return c.cell_contents
print(late())
