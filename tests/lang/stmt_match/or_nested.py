# Or-patterns inside sequences and mappings with consistent bindings.
def m(x):
    match x:
        case [("a" | "b") as c, (1 | 2) as n]: return f"{c}{n}"
        case {"k": [x, *_] | (x,)}: return f"k {x}"
        case (0, y) | (y, 0): return f"axis {y}"
    return "none"
for v in (["a", 2], ["c", 1], {"k": [9, 8]}, {"k": (7,)}, (0, 5), (6, 0), (1, 1)):
    print(m(v))
