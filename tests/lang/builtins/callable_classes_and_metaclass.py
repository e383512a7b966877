# Calling a class goes through type.__call__: __new__ then __init__ only for instances of the class.
class Meta(type):
    def __call__(cls, *a, **k):
        print("Meta call", cls.__name__, a, k)
        return type.__call__(cls, *a, **k)
class A(metaclass=Meta):
    def __new__(cls, x):
        print("new", x)
        return super().__new__(cls)
    def __init__(self, x):
        print("init", x)
        self.x = x
print(A(5).x)
