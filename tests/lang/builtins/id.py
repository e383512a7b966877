# id() is stable for an object and distinct for coexisting objects.
a = []
b = []
print(id(a) == id(a), id(a) != id(b), type(id(a)).__name__, id(None) == id(None))
x = a
print(id(x) == id(a))
