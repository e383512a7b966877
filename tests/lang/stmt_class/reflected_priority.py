# A subclass's reflected method is tried first when it overrides it.
class A:
    def __add__(self, o): return "A.add"
    def __radd__(self, o): return "A.radd"
class B(A):
    def __radd__(self, o): return "B.radd"
print(A() + B(), B() + A(), A() + A(), 1 + A())
class Cmp:
    def __eq__(self, o): return "Cmp.eq"
print(1 == Cmp(), Cmp() == 1, None == Cmp())
