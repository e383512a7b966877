def ident[](x):
    return x
