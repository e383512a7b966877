# Invalid classes in except clauses raise TypeError when matched.
try:
    try:
        raise ValueError
    except 42:
        pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    try:
        raise ValueError
    except (KeyError, "x"):
        pass
except TypeError as e:
    print(type(e).__name__, e)
