# Comparisons between mixed types; ordering errors for unrelated types.
print(1 == 1.0, 1 == "1", [1, 2] < [1, 3], (1, 2) < (1, 2, 0), "abc" < "abd", [1] == (1,))
print(None == None, None is None, 0 == False, 1.5 > 1, 10 ** 30 > 1e29)
for a, b in ((1, "a"), ([], ()), (None, 0), ({1}, 1)):
    try:
        a < b
    except TypeError as e:
        print(e)
print({1, 2} < {1, 2, 3}, {1} > set(), {"a": 1} == {"a": 1})
