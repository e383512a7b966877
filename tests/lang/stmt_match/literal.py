# match with literal patterns, including None/True/False and alternatives.
def m(x):
    match x:
        case 0: return "zero"
        case 1 | 2 | 3: return "small"
        case "hi": return "greeting"
        case None: return "none"
        case True: return "true"
        case -1.5: return "neg float"
        case b"b": return "bytes"
        case _: return "other"
for v in (0, 2, "hi", None, True, False, -1.5, b"b", 1.0, 99):
    print(repr(v), m(v))
