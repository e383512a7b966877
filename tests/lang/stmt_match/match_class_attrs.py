# Class patterns with keyword attribute patterns on builtin and custom classes.
class Pt:
    def __init__(self, x, y): self.x, self.y = x, y
def m(o):
    match o:
        case Pt(x=0): return "x zero"
        case Pt(y=int(y)) if y < 0: return f"neg y {y}"
        case complex(real=r, imag=0): return f"real complex {r}"
        case Pt(): return "pt"
    return "other"
print(m(Pt(0, 1)), m(Pt(1, -2)), m(Pt(1, 2)), m(complex(3, 0)), m(1j))
