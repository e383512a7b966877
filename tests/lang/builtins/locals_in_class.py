# locals() in a class body returns the class namespace being built.
class C:
    a = 1
    b = 2
    snapshot = sorted(k for k in locals() if not k.startswith("__"))
print(C.snapshot)
