# Simple name assignment and rebinding.
x = 1
print(x)
x = "two"
print(x)
x = y = z = [1, 2]
print(x is y, y is z, x)
