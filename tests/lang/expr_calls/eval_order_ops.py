# Operands evaluate left to right; assignments evaluate the right side first.
def v(x):
    print("eval", x)
    return x
print(v(1) + v(2) * v(3))
d = {}
d[v("key")] = v("value")
print(d)
l = [v("a"), v("b")][v(0)]
print(l, v({"k": 1})[v("k")])
x = v(10) if v(True) else v(20)
