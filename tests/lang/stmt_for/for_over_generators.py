# for over a generator function, including one that returns early.
def upto(n):
    i = 0
    while True:
        if i >= n:
            return
        yield i
        i += 1
for v in upto(3):
    print(v)
print(sum(upto(100)))
