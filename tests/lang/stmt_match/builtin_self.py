# Builtin classes match their single positional pattern against the whole subject.
for v in (1, "s", [1], {"a": 1}, (1, 2), 3.5, b"x", True):
    match v:
        case bool(b): print("bool", b)
        case int(i): print("int", i)
        case str(s): print("str", s)
        case list(l): print("list", l)
        case dict(d): print("dict", d)
        case tuple(t): print("tuple", t)
        case float(f): print("float", f)
        case bytes(x): print("bytes", x)
