def f():
    def g[**P = (yield)](): pass
