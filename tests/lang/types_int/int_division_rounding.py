# True division of big ints is correctly rounded; floor division of negatives rounds down.
print(10 ** 30 / 10 ** 10, (2 ** 80 + 1) / 2, 1 / 3, -7 // 2, -(7 // 2), 7 // -2.0, (10 ** 20 + 1) // 3)
try:
    10 ** 400 / 1
except OverflowError as e:
    print(type(e).__name__, e)
print(10 ** 400 // 10 ** 399, 10 ** 400 / 10 ** 399)
