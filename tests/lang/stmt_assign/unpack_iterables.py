# Unpacking from dicts, sets of one item, generators, strings and ranges.
a, b = {"k1": 1, "k2": 2}
(c,) = {42}
d, e, f = (x * 2 for x in range(3))
g, h = range(2)
print(a, b, c, d, e, f, g, h)
first, *_ = "xyz"
print(first, _)
