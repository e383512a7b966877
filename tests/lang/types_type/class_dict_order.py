# The order of a class's __dict__: the body's names, then descriptors, __doc__ and an implied __hash__.
class C:
    x = 1
    def f(self): pass
print(list(vars(C)))
class D:
    "doc"
    __slots__ = ("a", "b")
    def __eq__(self, other): return True
print(list(vars(D)))
class E(D):
    __slots__ = ()
    def __hash__(self): return 1
print(list(vars(E)))
class F(C):
    y: int = 2
print(list(vars(F)))
