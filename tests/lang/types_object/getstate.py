# object.__getstate__ with a __dict__, with __slots__, with both, and for plain objects.
class P:
    pass
p = P()
print(p.__getstate__())
p.a = 1
print(p.__getstate__(), object.__getstate__(p) is not p.__dict__)
class S:
    __slots__ = ("x", "y")
s = S()
print(s.__getstate__())
s.x = 1
print(s.__getstate__())
class SD:
    __slots__ = ("x", "__dict__")
sd = SD()
sd.x = 3
print(sd.__getstate__())
sd.z = 4
print(sd.__getstate__())
print(object().__getstate__(), (5).__getstate__(), "ab".__getstate__())
class G:
    def __getstate__(self):
        return "custom"
print(G().__getstate__(), object.__getstate__(G()))
try:
    object.__getstate__()
except TypeError as e:
    print(type(e).__name__, e)
try:
    p.__getstate__(1)
except TypeError as e:
    print(type(e).__name__, e)
