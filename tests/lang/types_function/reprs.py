# __repr__ of functions, bound methods, builtins, and cells, called explicitly (addresses cut off).
def f():
    pass
class A:
    def m(self):
        pass
    def __repr__(self):
        return "A()"
def cut(s):
    return s.split(" at 0x")[0]
print(cut(f.__repr__()), cut((lambda: 0).__repr__()), cut(A.m.__repr__()))
print(A().m.__repr__(), cut(object().__init__.__repr__()))
print(len.__repr__(), abs.__repr__(), cut([].append.__repr__()), cut(A().__str__.__repr__()))
def outer():
    x = [1]
    def inner():
        return x
    return inner.__closure__[0]
c = outer()
print(cut(c.__repr__()), c.__repr__().endswith(": list object at " + c.__repr__().split(": list object at ")[1]))
print(cut(type(c)().__repr__()), type(c)().__repr__().endswith(": empty>"))
