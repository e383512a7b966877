# with calls __enter__ and __exit__; the as target gets __enter__'s result.
class CM:
    def __init__(self, name): self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, t, v, tb):
        print("exit", self.name, t.__name__ if t else None, v)
        return False
with CM("a") as x:
    print("body", x)
with CM("b") as x, CM("c") as y:
    print("body", x, y)
with (CM("d") as p,
      CM("e")):
    print("paren body", p)
