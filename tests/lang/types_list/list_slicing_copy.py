# Slicing makes shallow copies; list() and copy() too.
outer = [[1], [2]]
s = outer[:]
c = list(outer)
d = outer.copy()
s[0].append("shared")
s.append("only s")
print(outer, s, c is outer, d[0] is outer[0], len(d))
