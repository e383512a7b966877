def f():
    v = 0
    def g():
        print(v)
        nonlocal v
