# Builtins applied to lists: len, min, max, sum, sorted, any, all, reversed, enumerate.
l = [5, 3, 8, 1]
print(len(l), min(l), max(l), sum(l), sorted(l), any(x > 7 for x in l), all(x > 0 for x in l), list(reversed(l)), list(enumerate(l))[:2])
print(l.__len__(), l.__getitem__(1), l.__contains__(8), l.__add__([0]), l.__mul__(2)[:5])
