# __new__ runs before __init__; __init__ is skipped when __new__ returns another type.
class Single:
    _inst = None
    def __new__(cls):
        if cls._inst is None:
            print("creating")
            cls._inst = super().__new__(cls)
        return cls._inst
    def __init__(self):
        print("init")
a = Single(); b = Single()
print(a is b)
class Odd:
    def __new__(cls): return 42
    def __init__(self): print("never")
print(Odd())
try:
    Single(1)
except TypeError as e:
    print(e)
