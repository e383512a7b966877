def f[T: (int, (yield))]():
    pass
