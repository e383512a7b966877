def grouped(a, (b, c)):
    pass
