# return inside while/else and nested while loops with flags.
def find(seq, target):
    i = 0
    while i < len(seq):
        if seq[i] == target:
            return i
        i += 1
    else:
        return -1
print(find("hello", "l"), find("hello", "z"), find("", "a"))
def grid():
    out = []
    r = 0
    while r < 3:
        c = 0
        while c < 3:
            if (r + c) % 2:
                c += 1
                continue
            out.append((r, c))
            c += 1
        r += 1
    return out
print(grid())
