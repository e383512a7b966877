# continue and break in nested for loops with else clauses.
for i in range(4):
    for j in range(4):
        if j == i:
            continue
        if j > 2:
            break
        print(i, j, end="; ")
    else:
        print("inner else", i, end="; ")
print()
