# list.sort argument errors: positional arguments, too many in all, too many or unknown keywords.
for args, kw in (((1,), {}), ((1, 2), {}), ((1, 2, 3), {}), ((1,), {"key": None}), ((1,), {"key": None, "reverse": 1}), ((1, 2), {"key": None}), ((), {"key": None, "reverse": 1, "x": 2}), ((), {"x": 1}), ((), {"key": None, "x": 1}), ((1, 2, 3, 4, 5), {"key": None})):
    try:
        [].sort(*args, **kw)
        print("ok")
    except TypeError as e:
        print(len(args), sorted(kw), e)
