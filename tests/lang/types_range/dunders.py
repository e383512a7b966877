# range's dunder methods called explicitly, including NotImplemented for foreign operands.
r = range(1, 10, 3)
print(range.__len__(r), range.__bool__(r), range.__bool__(range(0)), range.__bool__(range(5, 5)))
print(range.__contains__(r, 4), range.__contains__(r, 5), range.__contains__(r, 4.0), range.__contains__(r, "x"))
print(range.__getitem__(r, 0), range.__getitem__(r, -1), range.__getitem__(r, slice(1, None)), range.__getitem__(r, slice(None, None, -1)))
print(range.__eq__(r, range(1, 11, 3)), range.__eq__(r, range(1, 10)), range.__ne__(r, r), range.__eq__(r, [1, 4, 7]))
print(range.__eq__(range(0), range(5, 2)), range.__eq__(range(3, 4, 7), range(3, 5, 9)), range(0, 10, 2) == range(0, 9, 2))
print(range.__lt__(r, r), range.__le__(r, r), range.__gt__(r, 1), range.__ge__(r, None))
print(range.__hash__(r) == hash(range(1, 11, 3)), hash(range(0)) == hash(range(4, 1)), hash(range(3, 4, 5)) == hash(range(3, 4, 9)))
print(range.__repr__(r), range.__repr__(range(5)), range.__repr__(range(-1, -5, -1)), repr(range(0, 5, 1)))
print(list(range.__iter__(r)), list(range.__reversed__(r)), list(reversed(range(10, 0, -4))))
print(type(range.__iter__(r)).__name__, type(range.__reversed__(r)).__name__, type(iter(range(10**20))).__name__)
print(r.__reduce__(), range(5).__reduce__(), range(-3, 10**20, -2).__reduce__())
print(r.__reduce_ex__(2))
print(range.__new__(range, 5), range.__new__(range, 1, 2), range.__new__(range, 1, 2, 3))
print(range.__init__(r, 1, 2, 3), r)
print(r.start, r.stop, r.step, range(7).start, range(7).step, type(range(True).stop).__name__)
class I:
    def __index__(self):
        return 4
print(range(I()), range(I(), 10, I()), range(I())[I()-1] if False else range(I())[3])
