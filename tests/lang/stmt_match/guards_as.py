# Guards and as-patterns; guard sees captured names; bindings remain after match.
for v in ([1, 2], [3, 4], ("5", "x")):
    match v:
        case [a, b] as pair if isinstance(a, int) and a + b > 5:
            print("big pair", pair)
        case [a, int() as b]:
            print("int pair", a, b)
        case [a, str() as b]:
            print("str second", a, b)
print("after", a, b)
