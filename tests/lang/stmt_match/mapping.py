# Mapping patterns match keys, ignore extras, and capture **rest.
def m(x):
    match x:
        case {"type": "pt", "x": px, "y": py}: return f"pt {px},{py}"
        case {"type": "circle", **rest}: return f"circle {sorted(rest.items())}"
        case {}: return "some mapping"
    return "not mapping"
for v in ({"type": "pt", "x": 1, "y": 2, "z": 9}, {"type": "circle", "r": 3}, {"a": 1}, [1]):
    print(m(v))
