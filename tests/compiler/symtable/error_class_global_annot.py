class C:
    global g
    g: int
