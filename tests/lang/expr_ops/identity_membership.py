# is / is not and in / not in across containers.
a = [1]
b = a
print(a is b, a is not [1], None is None)
print(2 in [1, 2], 3 not in (1, 2), "ell" in "hello", "" in "abc", 1 in {1: "x"}, "x" in {1: "x"})
print(1 in range(5), 5 in range(5), 4 in range(0, 10, 2), 3 in {1, 2, 3})
try:
    1 in 5
except TypeError as e:
    print(e)
try:
    1 in "abc"
except TypeError as e:
    print(e)
