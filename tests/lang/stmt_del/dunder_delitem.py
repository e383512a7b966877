# del calls __delitem__ and __delattr__.
class D:
    def __delitem__(self, k): print("delitem", k)
    def __delattr__(self, n): print("delattr", n)
d = D()
del d[1]
del d[1:2]
del d.foo
del d[1, 2]
