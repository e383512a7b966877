x = 1
y: int = 2
z += x * y
a, *b = c
