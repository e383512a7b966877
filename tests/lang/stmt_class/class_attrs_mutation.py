# Class attributes are shared by instances until shadowed; mutable class attributes are shared.
class A:
    items = []
    n = 0
a, b = A(), A()
a.items.append(1)
a.n += 1
print(b.items, a.n, b.n, A.n)
A.n = 10
print(a.n, b.n)
del a.n
print(a.n)
