# X | Y type unions: repr, equality, args, isinstance.
u = int | str
print(u, type(u).__name__, u.__args__ == (int, str), (int | str) == (str | int), int | int, int | None)
print(isinstance("a", u), isinstance(1.0, u), list[int] | None)
try:
    int | 5
except TypeError as e:
    print(type(e).__name__, e)
