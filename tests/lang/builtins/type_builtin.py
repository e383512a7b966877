# type() with one argument returns the class; three-argument form builds a class.
print(type(1).__name__, type("").__name__, type([]) is list, type(type) is type, type(None).__name__, type(len).__name__)
C = type("C", (), {"x": 1, "__repr__": lambda self: "C!"})
print(C(), C.x, C.__name__, type(C).__name__)
for args in ((1, 2), ("n", (), []), ()):
    try:
        type(*args)
    except TypeError as e:
        print(type(e).__name__, e)
