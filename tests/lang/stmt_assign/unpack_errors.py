# Unpacking errors: too many and too few values.
for src in [(1, 2, 3), (1,), 5]:
    try:
        a, b = src
        print(a, b)
    except Exception as e:
        print(type(e).__name__, e)
try:
    a, *b, c = [1]
except ValueError as e:
    print(type(e).__name__, e)
