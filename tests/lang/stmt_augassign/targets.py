# Augmented assignment to attributes and subscripts evaluates the target once.
class C:
    def __init__(self):
        self.v = 1
def get():
    print("get")
    return c
c = C()
get().v += 10
print(c.v)
calls = []
def idx():
    calls.append(1)
    return 0
l = [5]
l[idx()] *= 3
print(l, len(calls))
d = {"a": 1}
d["a"] -= 5
print(d)
