# issubclass argument errors and abstract-style class tuples.
for args in ((int, (int, 5)), ([], list), (int, [int])):
    try:
        print(issubclass(*args))
    except TypeError as e:
        print(type(e).__name__, e)
