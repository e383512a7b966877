# A custom sequence supporting negative indices and slices via __getitem__.
class Seq:
    def __init__(self, data): self.data = list(data)
    def __len__(self): return len(self.data)
    def __getitem__(self, i):
        if isinstance(i, slice):
            return Seq(self.data[i])
        return self.data[i]
    def __repr__(self): return f"Seq({self.data})"
s = Seq("abcdef")
print(s[0], s[-1], s[1:4], s[::-2], list(s), "c" in s, len(s))
