# Item and slice assignment / deletion on lists.
l = list(range(6))
l[0] = "a"; l[-1] = "z"
print(l)
l[1:3] = []
print(l)
l[len(l):] = [7, 8]
print(l)
del l[::2]
print(l)
try:
    l[10] = 1
except IndexError as e:
    print(type(e).__name__, e)
try:
    l["x"]
except TypeError as e:
    print(type(e).__name__, e)
