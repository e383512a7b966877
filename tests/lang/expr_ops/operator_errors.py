# TypeError messages for unsupported binary operations.
pairs = [([1], 1, "+"), ({}, {}, "+"), (None, 1, "-"), ("a", "b", "*"), ((), [], "+"), (1, "a", "**"), ([], 2, "/"), (1.5, 2, "@"), ({1}, [1], "|")]
for a, b, op in pairs:
    try:
        eval(f"a {op} b")
    except TypeError as e:
        print(e)
