# Annotated assignment with attribute and subscript targets.
class C:
    pass
c = C()
c.x: int = 4
d = {}
d["k"]: str = "v"
print(c.x, d)
