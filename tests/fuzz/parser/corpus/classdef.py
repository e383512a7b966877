@dec
class C[T](Base, metaclass=M):
    x: T
    def m(self): pass
