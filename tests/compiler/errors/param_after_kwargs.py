def kw(**opts, last):
    pass
