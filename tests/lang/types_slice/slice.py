# slice objects: attributes, indices(), equality, repr, hashability.
s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, slice(3), slice(None, None), s.indices(5), slice(-1, None, -1).indices(4))
print(s == slice(1, 10, 2), hash(slice(1, 2)) == hash(slice(1, 2)), [1, 2, 3, 4][slice(1, None)])
try:
    slice(0, 1, 0).indices(3)
except ValueError as e:
    print(type(e).__name__, e)
try:
    slice()
except TypeError as e:
    print(type(e).__name__, e)
