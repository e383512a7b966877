# sum() with start values, floats, and refusal to sum strings.
print(sum([1, 2, 3]), sum([], 10), sum([0.1] * 10), sum([[1], [2]], []), sum(((1,), (2,)), ()), sum(range(101), start=-50), sum([1, 2.5, 1j]))
print(sum([1e100, 1.0, -1e100]), sum([True, True]))
for args in ((["a", "b"], ""), ([b"a"], b""), ([1, "a"],), (5,)):
    try:
        sum(*args)
    except TypeError as e:
        print(type(e).__name__, e)
