# reversed() on sequences, __reversed__, and non-sequences.
print(list(reversed([1, 2, 3])), "".join(reversed("abc")), list(reversed(range(3))), list(reversed((1,))), list(reversed({"a": 1, "b": 2})))
class S:
    def __len__(self): return 3
    def __getitem__(self, i): return i * 10
print(list(reversed(S())))
for v in ({1, 2}, 5, iter([1])):
    try:
        reversed(v)
    except TypeError as e:
        print(type(e).__name__, e)
print(type(reversed([])).__name__, type(reversed(range(1))).__name__)
