# for loops over enumerate, zip, dict items and reversed ranges.
for i, c in enumerate("ab", 1):
    print(i, c)
for x, y in zip([1, 2, 3], "xyz"):
    print(x, y)
for k, v in {"one": 1, "two": 2}.items():
    print(k, v)
for i in range(3, 0, -1):
    print(i, end=" ")
print()
