# Instance __dict__ can be manipulated directly and replaced.
class C: pass
c = C()
c.__dict__["a"] = 1
print(c.a)
c.__dict__ = {"b": 2}
print(c.b, hasattr(c, "a"))
try:
    c.__dict__ = 5
except TypeError as e:
    print(type(e).__name__, e)
