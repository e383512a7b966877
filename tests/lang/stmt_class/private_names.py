# Private name mangling of __names inside classes.
class A:
    def __init__(self):
        self.__secret = 1
        self._prot = 2
    def get(self): return self.__secret
class B(A):
    def __init__(self):
        super().__init__()
        self.__secret = 3
b = B()
print(b.get(), sorted(vars(b)), b._A__secret, b._B__secret)
try:
    b.__secret
except AttributeError as e:
    print(type(e).__name__, e)
