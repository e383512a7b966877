def incomplete(a, b=):
    pass
