# bool arithmetic promotes to int; bool ops on bools stay bool.
print(True + True, True - False, True * 3, True / 2, True // 2, True % 2, -True, True ** 2, True << 2)
print(type(True & False).__name__, type(True + False).__name__, True == 1.0, hash(False) == 0, str(True).lower())
