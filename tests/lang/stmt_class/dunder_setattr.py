# __setattr__ and __delattr__ customise attribute writes.
class Frozen:
    def __init__(self, v):
        object.__setattr__(self, "v", v)
    def __setattr__(self, n, val):
        raise AttributeError(f"frozen: cannot set {n}")
    def __delattr__(self, n):
        raise AttributeError(f"frozen: cannot delete {n}")
f = Frozen(3)
print(f.v)
for act in (lambda: setattr(f, "v", 4), lambda: delattr(f, "v")):
    try:
        act()
    except AttributeError as e:
        print(e)
