# Nested if statements and single-line suites.
for a in (True, False):
    for b in (True, False):
        if a:
            if b: print("a b")
            else: print("a not b")
        elif b: print("b only")
        else: print("neither")
