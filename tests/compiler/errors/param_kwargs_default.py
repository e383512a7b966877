def kw(**opts={}):
    pass
