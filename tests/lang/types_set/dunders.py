# set's dunder methods called explicitly, including NotImplemented for foreign operands.
a = {1, 2, 3}
print(set.__len__(a), set.__contains__(a, 2), set.__contains__(a, 9), set.__contains__(a, [1]) if False else "")
print(set.__eq__(a, {3, 2, 1}), set.__eq__(a, frozenset(a)), set.__ne__(a, {1}), set.__eq__(a, [1, 2, 3]))
print(set.__lt__(a, {1, 2, 3, 4}), set.__le__(a, a), set.__gt__(a, {1}), set.__ge__(a, {5}))
print(set.__lt__(a, [1]), set.__gt__(a, 5), set.__le__(a, "x"), set.__ge__(a, None))
print(sorted(set.__and__(a, {2, 9})), sorted(set.__or__(a, {9})), sorted(set.__sub__(a, {1})), sorted(set.__xor__(a, {1, 9})))
print(sorted(set.__rand__(a, {2, 9})), sorted(set.__ror__(a, {9})), sorted(set.__rsub__(a, {1, 7})), sorted(set.__rxor__(a, {1, 9})))
print(set.__and__(a, [2]), set.__or__(a, (1,)), set.__sub__(a, 1), set.__xor__(a, None))
print(set.__rand__(a, [2]), set.__ror__(a, "x"), set.__rsub__(a, 1), set.__rxor__(a, None))
print(type(set.__or__(a, frozenset())).__name__, type(set.__ror__(a, frozenset())).__name__)
b = {1, 2}
for name, arg in (("__ior__", {5}), ("__iand__", {1, 5}), ("__ixor__", {7}), ("__isub__", {7})):
    r = getattr(set, name)(b, arg)
    print(name, r is b, sorted(b))
print(set.__ior__(b, [1]), set.__iand__(b, (1,)), set.__isub__(b, 1), set.__ixor__(b, "x"))
print(set.__hash__, type(a).__hash__ is None)
print(set.__repr__(set()), set.__repr__({1}), set.__repr__({(1, 2)}))
print(sorted(set.__iter__(a)), type(set.__iter__(a)).__name__)
print(type(a.__sizeof__()).__name__, a.__sizeof__() > 0)
print(set.__class_getitem__(int), set[int], set[int].__origin__)
r = a.__reduce__()
print(r[0].__name__, sorted(r[1][0]), r[2])
class S(set):
    pass
s = S([1])
s.x = 5
r = s.__reduce__()
print(r[0].__name__, r[1], r[2])
c = {7, 8}
set.__init__(c, [1, 2])
print(sorted(c))
set.__init__(c)
print(c)
n = set.__new__(set)
print(n, type(n).__name__, type(set.__new__(S)).__name__, set.__new__(S, [1, 2]))
