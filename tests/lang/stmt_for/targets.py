# for loop targets can be attributes, subscripts and starred.
class C: pass
c = C()
for c.attr in range(2):
    print(c.attr)
l = [0]
for l[0] in "ab":
    print(l)
for first, *rest in ["abc", "de"]:
    print(first, rest)
