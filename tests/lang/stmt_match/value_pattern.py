# Dotted names are value patterns compared with ==.
class Color:
    RED = 1
    GREEN = 2
def name(c):
    match c:
        case Color.RED: return "red"
        case Color.GREEN: return "green"
        case _: return "?"
print(name(1), name(2), name(3), name(1.0))
