# range/slice/set operations with bools, failing __eq__, self-operands and mixed iterables.
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
class Bad:
    def __eq__(self, o):
        raise ValueError("eq")
    __hash__ = object.__hash__
t(lambda: range(3).index(Bad()))
t(lambda: range(3).count(Bad()))
t(lambda: Bad() in range(3))
t(lambda: range(True, 5, True))
t(lambda: range(3) == range(0, 3, 1))
t(lambda: hash(range(0, 3, 2)) == hash(range(0, 4, 2)))
t(lambda: range(0, 10, 3).index(True))
t(lambda: range(10)[-10:-11:-1])
t(lambda: range(10)[True:])
t(lambda: list(reversed(range(-5))))
