def f():
    [i for i in range(3) if (j := i) for k in (l := [])]
