# getattr/setattr/delattr/hasattr including defaults and errors.
class C:
    x = 1
c = C()
setattr(c, "y", 2)
print(getattr(c, "x"), getattr(c, "y"), getattr(c, "z", "dflt"), hasattr(c, "y"), hasattr(c, "z"))
delattr(c, "y")
print(hasattr(c, "y"))
for f in (lambda: getattr(c, "z"), lambda: getattr(c, 5), lambda: delattr(c, "nope"), lambda: setattr(c, 1, 2), lambda: setattr(5, "real", 1)):
    try:
        f()
    except (AttributeError, TypeError) as e:
        print(type(e).__name__, e)
class Boom:
    @property
    def p(self): raise ValueError("boom")
try:
    hasattr(Boom(), "p")
except ValueError as e:
    print("hasattr propagates", e)
