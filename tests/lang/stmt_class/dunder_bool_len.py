# __bool__ takes precedence over __len__ in truth tests.
class Both:
    def __bool__(self): return True
    def __len__(self): return 0
class LenOnly:
    def __len__(self): return 0
print(bool(Both()), bool(LenOnly()), not LenOnly(), len(Both()))
