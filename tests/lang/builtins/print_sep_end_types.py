# print() converts arguments with str(); sep and end may be empty strings.
class S:
    def __str__(self): return "S!"
print(S(), 1, 2.5, b"b", None, True, sep="")
print("a", end="")
print("b", end="\n\n")
print("c")
