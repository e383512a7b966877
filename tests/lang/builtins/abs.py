# abs() on ints, floats, complex, bools, and objects with __abs__; errors.
print(abs(-5), abs(5), abs(-2.5), abs(-0.0), abs(3 + 4j), abs(True), abs(-(2 ** 100)), abs(float("-inf")))
class A:
    def __abs__(self): return "absolute"
print(abs(A()))
try:
    abs("x")
except TypeError as e:
    print(type(e).__name__, e)
try:
    abs()
except TypeError as e:
    print(type(e).__name__, e)
