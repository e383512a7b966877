# A class implementing the iterator protocol works in for, list(), and unpacking.
class Range3:
    def __init__(self): self.i = 0
    def __iter__(self): return self
    def __next__(self):
        self.i += 1
        if self.i > 3:
            raise StopIteration
        return self.i
a, b, c = Range3()
print(a, b, c, list(Range3()), sum(Range3()), max(Range3()))
