# AttributeError messages for instances, classes, modules and None, with suggestions skipped.
import sys
class C:
    def __init__(self): self.value = 1
for obj, name in ((C(), "nothing"), (C, "zzz"), (None, "x"), (5, "foo"), ("s", "bar"), (sys, "nope"), ([], "push")):
    try:
        getattr(obj, name)
    except AttributeError as e:
        print(type(e).__name__, e, e.name)
