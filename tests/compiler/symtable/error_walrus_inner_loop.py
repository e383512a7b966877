def f(a, b):
    return [i for i in a if (j := i) for j in b]
