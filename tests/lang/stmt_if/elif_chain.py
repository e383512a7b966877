# if / elif / else chains with various truth values.
def classify(n):
    if n < 0:
        return "neg"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "big"
for n in (-3, 0, 5, 100):
    print(n, classify(n))
for v in (0, 1, "", "a", [], [0], None, 0.0, {}, (), 0j, 1j):
    if v:
        print(repr(v), "true")
    else:
        print(repr(v), "false")
