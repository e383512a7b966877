# Starred expressions in list, tuple, set and dict displays.
a = [1, 2]
b = (3, 4)
print([*a, *b], (*a, 0, *b), {*a, *a}, [*"hi", *range(2)])
d1 = {"x": 1}
d2 = {"y": 2, "x": 3}
print({**d1, **d2}, {**d2, "x": 0}, {"z": 9, **d1})
try:
    [*5]
except TypeError as e:
    print(e)
try:
    {**[1]}
except TypeError as e:
    print(e)
