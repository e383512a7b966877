# divmod() for ints, floats, negatives, custom __divmod__; errors.
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(17.5, 5), divmod(-0.5, 2), divmod(2 ** 70, 7))
class D:
    def __divmod__(self, o): return ("dm", o)
    def __rdivmod__(self, o): return ("rdm", o)
print(divmod(D(), 1), divmod(1, D()))
for args in ((1, 0), ("a", 1), (1.0, 0.0)):
    try:
        divmod(*args)
    except (ZeroDivisionError, TypeError) as e:
        print(type(e).__name__, e)
