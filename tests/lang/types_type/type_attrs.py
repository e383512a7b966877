# type objects: __name__, __qualname__, __bases__, __mro__, __dict__, mro(), __subclasses__.
class A: "doc A"
class B(A): pass
class C(B): pass
print(type(A), type(type), type(int).__name__, A.__doc__, B.__doc__)
print([k.__name__ for k in C.mro()], C.__base__.__name__, [s.__name__ for s in A.__subclasses__()])
print(type("x") is str, type(1)(5), isinstance(int, type), issubclass(type, object), isinstance(type, type))
print(int.__name__, int.__qualname__, int.__module__, A.__module__, "__init__" in B.__dict__, type(A.__dict__).__name__)
try:
    type(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    int.new_attr = 1
except TypeError as e:
    print(type(e).__name__, e)
A.new_attr = 5
print(C.new_attr)
