# __slots__ restricts attributes and removes __dict__.
class P:
    __slots__ = ("x", "y")
    def __init__(self):
        self.x = 1
p = P()
print(p.x, hasattr(p, "__dict__"))
try:
    p.z = 3
except AttributeError as e:
    print(type(e).__name__, e)
try:
    p.y
except AttributeError as e:
    print(type(e).__name__, e)
class Q(P):
    pass
q = Q()
q.z = 5
print(q.z, sorted(q.__dict__))
print(type(P.x).__name__)
