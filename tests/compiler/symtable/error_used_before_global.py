def f():
    print(v)
    global v
