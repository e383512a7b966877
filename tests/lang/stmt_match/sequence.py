# Sequence patterns with fixed length, star, and nesting; str is not a sequence here.
def m(x):
    match x:
        case []: return "empty"
        case [a]: return f"one {a}"
        case [a, b]: return f"two {a} {b}"
        case [first, *rest] if len(rest) > 3: return f"long {first} +{len(rest)}"
        case [a, *mid, z]: return f"ends {a} {z} mid {mid}"
    return "nomatch"
for v in ([], [1], (1, 2), [1, 2, 3], list(range(6)), "ab", range(3), {1, 2}):
    print(repr(v), m(v))
match [1, [2, [3, 4]]]:
    case [a, [b, [c, d]]]:
        print(a + b + c + d)
