# Starred assignment targets take the remaining items as a list.
a, *b = range(5)
print(a, b)
*a, b = range(5)
print(a, b)
a, *b, c = [1, 2]
print(a, b, c)
a, *b, c = "hello"
print(a, b, c)
(*a,) = (1, 2, 3)
print(a)
