def kwonly(a, *):
    pass
