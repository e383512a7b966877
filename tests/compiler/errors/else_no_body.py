if a:
    pass
else:
c = 1
