# Cell objects: comparisons by contents, empty cells, __new__, cell_contents, repr shape.
def make(v):
    def inner():
        return v
    return inner.__closure__[0]
C = type(make(1))
a, b, c = make(1), make(1), make(2)
print(a == b, a != b, a < c, a <= b, a > c, a >= c)
print(a.__eq__(b), a.__ne__(c), a.__lt__(c), a.__le__(c), a.__gt__(c), a.__ge__(c), a.__eq__(1))
e = C()
print(e == C(), e < a, a > e, e.__eq__(e))
try:
    e.cell_contents
except ValueError as ex:
    print(type(ex).__name__, ex)
n = C.__new__(C, 5)
print(n.cell_contents, C(7).cell_contents)
n.cell_contents = 8
print(n.cell_contents)
del n.cell_contents
print(n == C())
print(repr(e).startswith("<cell at 0x") and repr(e).endswith(": empty>"), repr(a).split(": ")[1].split(" object")[0])
try:
    make("x") < make(1)
except TypeError as ex:
    print(type(ex).__name__, ex)
try:
    hash(a)
except TypeError as ex:
    print(type(ex).__name__, ex)
print(C.__hash__)
for bad in (lambda: C(1, 2), lambda: C(x=1)):
    try:
        print(bad())
    except TypeError as ex:
        print(type(ex).__name__, ex)
