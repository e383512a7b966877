# tuple methods, operators, hashing, repr and immutability.
t = (1, 2, 3, 2)
print(t.count(2), t.index(2), t.index(2, 2), t + (4,), t * 2, t[1:], len(t), 3 in t, t < (1, 3))
print(tuple(), tuple("ab"), tuple([1]), (1,), repr(()), hash((1, 2)) == hash((1, 2)), type(t).__name__)
try:
    t[0] = 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    t.index(9)
except ValueError as e:
    print(type(e).__name__, e)
try:
    hash((1, [2]))
except TypeError as e:
    print(type(e).__name__, e)
a, b = (1, 2)
print(a, b, tuple(x for x in range(3)), (1, 2) == (1, 2), (1, 2) == [1, 2])
