# Slice assignment and deletion with extended slices and length mismatch errors.
l = list(range(8))
l[1:3] = "xyz"
print(l)
l[::3] = [0, 0, 0]
print(l)
try:
    l[::2] = [1]
except ValueError as e:
    print(e)
l[2:2] = [9, 9]
print(l)
l[:] = []
print(l)
try:
    l[0:1] = 5
except TypeError as e:
    print(e)
