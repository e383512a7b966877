# object.__reduce__ and __reduce_ex__ for protocols 0-4, with and without state, and with __slots__.
class P:
    pass
p = P()
p.a = 1
for proto in range(5):
    r = p.__reduce_ex__(proto)
    print(proto, len(r), [type(x).__name__ for x in r], getattr(r[0], "__name__", None))
    print("  args", r[1] if proto >= 2 else (r[1][0].__name__, r[1][1].__name__, r[1][2]), "state", r[2])
r = p.__reduce__()
print(r[0].__name__, r[1][0].__name__, r[1][1].__name__, r[1][2], r[2])
class S:
    __slots__ = ("x", "y")
s = S()
s.x = 5
r = s.__reduce_ex__(2)
print(r[0].__name__, r[1][0].__name__, r[2])
for proto in (0, 1):
    try:
        s.__reduce_ex__(proto)
    except TypeError as e:
        print(type(e).__name__, e)
class N:
    def __getnewargs__(self):
        return (1, 2)
print(N().__reduce_ex__(2)[1][1:], N().__reduce_ex__(4)[0].__name__)
class NK:
    def __getnewargs_ex__(self):
        return ((1,), {"k": 2})
r = NK().__reduce_ex__(2)
print(r[0].__name__, r[1][1:])
r = NK().__reduce_ex__(4)
print(r[0].__name__, r[1][1:])
class Own:
    def __reduce__(self):
        return ("own",)
print(Own().__reduce_ex__(2), Own().__reduce_ex__(0))
print(object().__reduce_ex__(2)[0].__name__, object().__reduce_ex__(2)[1][0] is object)
for bad in (lambda: p.__reduce_ex__(), lambda: p.__reduce_ex__("x"), lambda: p.__reduce__(1),
            lambda: (1).__reduce_ex__(0), lambda: object().__reduce_ex__(0)[1]):
    try:
        print(bad())
    except TypeError as e:
        print(type(e).__name__, e)
