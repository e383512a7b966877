# list comparisons: NotImplemented from list's methods lets the other operand's reflected method run.
class Other:
    def __eq__(self, other):
        return "Other.eq"
    def __lt__(self, other):
        return "Other.lt"
    def __gt__(self, other):
        return "Other.gt"
    def __le__(self, other):
        return "Other.le"
    def __ge__(self, other):
        return "Other.ge"
o = Other()
a = [1, 2]
print(a == o, a != o, a < o, a > o, a <= o, a >= o)
print(list.__eq__(a, o), list.__lt__(a, o))
class Sub(list):
    def __eq__(self, other):
        return "Sub.eq"
    def __lt__(self, other):
        return "Sub.lt"
print(a == Sub(), a > Sub(), Sub() == a, [] < Sub())
print([1, [2]] == [1, [2]], [1, 2] < [1, 2, 0], [2] > [1, 9], [float("nan")] == [float("nan")])
n = float("nan")
print([n] == [n], [n] < [n], (n,) == (n,), [1, 2] != [1, 2], [] <= [], [] >= [0])
for x, y in (([1], (1,)), ([1], 1), ([1], "1")):
    for op in ("<", "<=", ">", ">="):
        try:
            eval("x %s y" % op)
        except TypeError as e:
            print(type(e).__name__, e)
    print(x == y, x != y)
