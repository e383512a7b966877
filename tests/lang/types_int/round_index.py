# round() of ints with positive, negative and huge ndigits; __index__ results and their deprecation.
for n in (0, 5, 15, 25, -25, 1234567, -1234567, 10 ** 30 + 5 * 10 ** 9, -(10 ** 30) - 5 * 10 ** 9):
    print(n, [round(n, d) for d in (-1, -2, -5, -10, 0, 3)], round(n, -40), round(n, 10 ** 20))
print(type(round(5, 2)).__name__, round(True, -1), type(round(True)).__name__, round(2 ** 100, -30))
class I(int):
    pass
class Idx:
    def __init__(self, v): self.v = v
    def __index__(self): return self.v
print(round(155, Idx(-1)), [1, 2, 3][Idx(1)], 'abc'[Idx(-1)], bin(Idx(5)), hex(Idx(255)), range(Idx(3))[-1], (5).__round__(Idx(-1)))
print(type([0, 1][Idx(True)]).__name__, [0, 1][Idx(True)], bin(Idx(I(6))))
for v in (1.5, 'x', None, 2 ** 100):
    try:
        print([1, 2][Idx(v)])
    except (TypeError, IndexError) as e:
        print(type(e).__name__, e)
for f in (lambda: round(5, 1.5), lambda: round(5, '1'), lambda: round(5, None), lambda: round(5, 1, 2), lambda: round(), lambda: round(number=5, ndigits=-1)):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
