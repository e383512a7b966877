# Tuple and list unpacking targets, including nested targets.
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
[c, d] = "xy"
print(c, d)
(e, (f, g)), h = (1, (2, 3)), 4
print(e, f, g, h)
for i, (j, k) in [(1, (2, 3)), (4, (5, 6))]:
    print(i, j, k)
