# Multiple assignment swaps and rotates values using the right side evaluated first.
a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
l = [10, 20, 30]
l[0], l[2] = l[2], l[0]
print(l)
i = 0
i, l[i] = 1, "x"
print(i, l)
