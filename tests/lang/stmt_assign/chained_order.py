# Chained assignment evaluates the right side once and assigns left to right.
class T:
    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value)
def val():
    print("val")
    return 3
t = T()
t.a = t.b = val()
print(t.a, t.b)
l = [0, 0]
i = l[i] = 1 if False else 1
print(i, l)
