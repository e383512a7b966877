# continue inside while skips to the condition test.
i = 0
out = []
while i < 10:
    i += 1
    if i % 3:
        continue
    out.append(i)
print(out)
