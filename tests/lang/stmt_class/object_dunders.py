# Instances expose __class__, __dict__, __module__; __class__ can be reassigned compatibly.
class A:
    def who(self): return "A"
class B:
    def who(self): return "B"
a = A()
print(a.__class__.__name__, a.who())
a.__class__ = B
print(type(a).__name__, a.who())
try:
    a.__class__ = int
except TypeError as e:
    print(type(e).__name__, e)
