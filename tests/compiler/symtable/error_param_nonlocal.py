def f():
    def g(a):
        nonlocal a
