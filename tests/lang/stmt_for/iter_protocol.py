# for uses __iter__ / __next__ and stops on StopIteration; old-style __getitem__ iteration.
class Count:
    def __init__(self, n): self.n = n; self.i = 0
    def __iter__(self): return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
for v in Count(3):
    print("count", v)
class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * i
for v in Seq():
    print("seq", v)
try:
    for v in 5:
        pass
except TypeError as e:
    print(type(e).__name__, e)
