# in uses __contains__, then __iter__, then __getitem__.
class C1:
    def __contains__(self, x): return x == "yes"
class C2:
    def __iter__(self): return iter([1, 2])
class C3:
    def __getitem__(self, i):
        if i > 3: raise IndexError
        return i * 2
print("yes" in C1(), "no" in C1(), 2 in C2(), 3 in C2(), 4 in C3(), 5 in C3())
class Truthy:
    def __contains__(self, x): return [1]
print(1 in Truthy())
