# break leaves only the innermost loop.
res = []
i = 0
while i < 4:
    j = 0
    while True:
        if j > i:
            break
        res.append((i, j))
        j += 1
    i += 1
print(res)
