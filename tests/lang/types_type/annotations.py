# Class __annotations__ and __annotate__: lazy evaluation, caching, assignment and deletion.
class A:
    x: int
    y: "str" = "v"
print(A.__annotations__, type(A.__annotate__).__name__)
print(A.__annotate__(1), A.__annotations__ is A.__annotations__)
try:
    A.__annotate__(2)
except NotImplementedError as e:
    print(type(e).__name__, e)
class B:
    pass
print(B.__annotations__, B.__annotate__)
B.__annotations__ = {"z": float}
print(B.__annotations__)
del B.__annotations__
try:
    B.__annotations__
    print("still", B.__annotations__)
except AttributeError as e:
    print(type(e).__name__, e)
class C:
    z: undefined_name
try:
    C.__annotations__
except NameError as e:
    print(type(e).__name__, e)
print(C.__annotate__(1) if False else "lazy")
class D:
    a: int
D.__annotate__ = lambda fmt: {"q": fmt}
print(D.__annotate__(1))
try:
    D.__annotate__ = 5
except TypeError as e:
    print(type(e).__name__, e)
D.__annotate__ = None
print(D.__annotate__)
try:
    int.__annotations__
except AttributeError as e:
    print(type(e).__name__, e)
try:
    int.__annotate__
except AttributeError as e:
    print(type(e).__name__, e)
try:
    int.__annotations__ = {}
except TypeError as e:
    print(type(e).__name__, e)
