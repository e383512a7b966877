def mix(a=1, b):
    pass
