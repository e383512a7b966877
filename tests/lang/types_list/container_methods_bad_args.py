# Every public method of the container types called with an unexpected keyword, four positional arguments, or none.
objs = {list: [3, 1, 2], tuple: (1, 2), dict: {1: 2}, set: {1, 2}, frozenset: frozenset({1}), range: range(3), slice: slice(1, 2), type({}.keys()): {1: 2}.keys(), type({}.items()): {1: 2}.items(), type({}.values()): {1: 2}.values()}
for T, o in objs.items():
    for n in sorted(dir(T)):
        if n.startswith("__") and n not in ("__reversed__", "__sizeof__", "__reduce__", "__getnewargs__", "__contains__", "__getitem__"):
            continue
        m = getattr(o, n)
        if not callable(m):
            continue
        for args, kw in (((), {"x": 1}), ((1, 2, 3, 4), {}), ((), {})):
            if n in ("clear", "pop", "popitem", "sort", "reverse") and not kw and not args:
                continue
            try:
                r = m(*args, **kw)
                if T in (set, frozenset) and isinstance(r, (set, frozenset)):
                    r = sorted(r)
                print(T.__name__, n, len(args), "ok", type(r).__name__)
            except Exception as e:
                print(T.__name__, n, len(args), type(e).__name__, e)
