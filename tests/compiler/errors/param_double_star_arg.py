def many(*args, *more):
    pass
