# Out-of-range and wrong-type indices raise IndexError and TypeError.
for seq in ([1, 2], (1, 2), "ab", b"ab", range(2)):
    for idx in (5, -3, "x", 1.0):
        try:
            seq[idx]
        except (IndexError, TypeError) as e:
            print(type(seq).__name__, type(e).__name__, e)
