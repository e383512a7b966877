# break and continue across try/except inside loops.
out = []
for i in range(6):
    try:
        if i % 2:
            raise ValueError(i)
        out.append(i)
    except ValueError as e:
        out.append(-e.args[0])
        continue
    finally:
        out.append("f")
    if i == 4:
        break
print(out)
