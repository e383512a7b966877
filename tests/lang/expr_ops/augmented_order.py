# Augmented assignment evaluates container and index before the right side.
def v(x):
    print("eval", x)
    return x
d = {"k": 1}
v(d)[v("k")] += v(10)
print(d)
