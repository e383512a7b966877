# __call__, __hash__, __bool__, __index__ and __format__ hooks.
class F:
    def __call__(self, *a, **k): return ("called", a, sorted(k))
    def __hash__(self): return 42
    def __index__(self): return 3
    def __format__(self, spec): return f"F<{spec}>"
f = F()
print(f(1, x=2), hash(f), [0, 1, 2, 3, 4][f], bin(f), f"{f:abc}", format(f, ""))
class Unhashable:
    def __eq__(self, o): return True
try:
    hash(Unhashable())
except TypeError as e:
    print(e)
print(Unhashable.__hash__)
