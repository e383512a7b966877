# NotImplementedError in a base method signals an abstract operation.
class Shape:
    def area(self): raise NotImplementedError("subclass must implement area")
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
for s in (Sq(3), Shape()):
    try:
        print(s.area())
    except NotImplementedError as e:
        print(type(e).__name__, e)
