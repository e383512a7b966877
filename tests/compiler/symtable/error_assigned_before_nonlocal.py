def f():
    v = 0
    def g():
        v = 1
        nonlocal v
