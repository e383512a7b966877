# callable() on functions, classes, instances with and without __call__, builtins.
class C:
    def __call__(self): pass
class D: pass
for v in (len, C, C(), D(), lambda: 0, 5, "s", print, [].append, type, None):
    print(type(v).__name__, callable(v))
