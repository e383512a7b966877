def pos(a, *, b, /):
    pass
