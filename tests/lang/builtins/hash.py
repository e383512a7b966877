# hash() of numbers, strings, tuples, frozensets; numeric hash equality; errors.
print(hash(1) == hash(1.0) == hash(True), hash(-1), hash(0), hash(2 ** 61 - 1), hash(2 ** 61), hash(-(2 ** 61)), hash(1.5), hash(0.0) == hash(-0.0))
print(hash((1, 2)) == hash((1, 2)), hash(()) == hash(()), hash("a") == hash("a"), hash(frozenset()) == hash(frozenset()), hash(None) == hash(None))
for v in ([], {}, set(), bytearray()):
    try:
        hash(v)
    except TypeError as e:
        print(type(e).__name__, e)
class H:
    def __hash__(self): return 2 ** 100
print(hash(H()))
class BadH:
    def __hash__(self): return "x"
try:
    hash(BadH())
except TypeError as e:
    print(type(e).__name__, e)
