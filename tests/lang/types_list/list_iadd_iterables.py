# list += and extend accept any iterable; list + needs a list.
l = []
l += "ab"
l += range(2)
l += {"k": 1}
l.extend(x * 2 for x in range(2))
print(l)
try:
    l + "cd"
except TypeError as e:
    print(type(e).__name__, e)
try:
    l += 5
except TypeError as e:
    print(type(e).__name__, e)
