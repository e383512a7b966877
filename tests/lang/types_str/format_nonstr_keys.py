# str.format called with non-string keys in a ** mapping: CPython passes the dict through.
print("abc".format(**{1: 2}), "{0}".format("x", **{1: 2}))
try:
    print("{a}".format(**{1: 2}))
except KeyError as e:
    print(type(e).__name__, e)
