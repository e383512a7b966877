# list operators, comparisons, repetition, containment, repr and constructor.
a = [1, 2, 3]
print(a + [4], a * 2, 2 * a, [0] * 0, a == [1, 2, 3], a < [1, 2, 4], a > [1, 2], 2 in a, len(a))
print(list(), list("ab"), list(range(3)), list({"k": 1}), list((1,)), repr([None, "s", 1.5, [()]]))
m = [[0] * 2] * 2
m[0][0] = 1
print(m)
b = a
b += [4]
print(a, a is b)
try:
    a + (5,)
except TypeError as e:
    print(type(e).__name__, e)
try:
    hash([])
except TypeError as e:
    print(type(e).__name__, e)
