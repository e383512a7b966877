# Numeric constructors dispatch to __int__, __index__, __float__, __complex__.
class N:
    def __int__(self): return 3
    def __float__(self): return 1.5
    def __complex__(self): return 2j
    def __index__(self): return 4
print(int(N()), float(N()), complex(N()), [0, 1, 2, 3, 4, 5][N()])
class OnlyIndex:
    def __index__(self): return 7
print(int(OnlyIndex()), float(OnlyIndex()), complex(OnlyIndex()))
class BadInt:
    def __int__(self): return "no"
try:
    int(BadInt())
except TypeError as e:
    print(type(e).__name__, e)
