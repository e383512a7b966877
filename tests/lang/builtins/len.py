# len() of builtins and custom __len__; invalid __len__ results.
print(len("abc"), len([1]), len(()), len({1: 2}), len(set()), len(range(10)), len(b"xy"), len(frozenset([1, 1])))
class L:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
print(len(L(5)))
for bad in (L(-1), L("x"), L(2 ** 100), 5, None):
    try:
        len(bad)
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
