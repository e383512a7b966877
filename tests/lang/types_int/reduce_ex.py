# __reduce_ex__ and __reduce__ of the numeric types and the singletons (copyreg protocol).
for x in (5, -2 ** 70, True, 2.5, 1 - 2j):
    for proto in (2, 4):
        r = x.__reduce_ex__(proto)
        print(repr(x), proto, r[0].__name__, r[1], r[2:])
    try:
        print(x.__reduce_ex__(1))
    except TypeError as e:
        print(type(e).__name__, e)
class I(int):
    pass
i = I(7)
i.a = 1
r = i.__reduce_ex__(2)
print(r[0].__name__, r[1][0].__name__, r[1][1:], r[2], I(3).__reduce_ex__(1)[1][1:])
print(None.__reduce_ex__(2)[1:], NotImplemented.__reduce_ex__(2), Ellipsis.__reduce_ex__(4), Ellipsis.__reduce__())
for f in (lambda: None.__reduce__(), lambda: None.__reduce_ex__(1), lambda: (5).__reduce__()):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
