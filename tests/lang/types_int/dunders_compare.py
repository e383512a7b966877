# int's comparison and hash slot wrappers, including mixed types returning NotImplemented.
for name in ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"):
    m = getattr(int, name)
    print(name, m(3, 3), m(3, 4), m(4, 3), m(3, True), m(3, 3.0), m(3, 'x'), m(3, None), m(3, 1j), m(2 ** 80, 2 ** 80))
print((5).__eq__(5.5), (5).__lt__(5.5), 5 < 5.5, (5).__eq__(10 ** 30), (-1).__lt__(0))
print(int.__hash__(5), int.__hash__(-1), int.__hash__(-2), int.__hash__(2 ** 61 - 1), int.__hash__(2 ** 61), int.__hash__(-(2 ** 64)))
print(int.__hash__(True), hash(10 ** 20) == int.__hash__(10 ** 20), (7).__hash__())
for f in (lambda: int.__eq__('a', 1), lambda: int.__lt__(1), lambda: int.__hash__('x'), lambda: 3 < 'x', lambda: 3 >= None):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
