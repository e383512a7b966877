# Mutating a list while iterating sees appended items; dict size change raises.
l = [1, 2, 3]
for x in l:
    if x < 3:
        l.append(x + 10)
print(l)
d = {1: 1}
try:
    for k in d:
        d[k + 1] = 1
except RuntimeError as e:
    print(type(e).__name__, e)
