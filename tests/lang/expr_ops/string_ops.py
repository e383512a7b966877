# String concatenation, repetition and comparison operators.
print("ab" + "cd", "ab" * 3, 3 * "x", "a" * 0, "ab" * -1)
print("abc" < "abd", "Z" < "a", "abc" == "abc", "" < "a")
for a, b in (("a", 1), (1, "a")):
    try:
        a + b
    except TypeError as e:
        print(e)
try:
    "a" * 1.5
except TypeError as e:
    print(e)
