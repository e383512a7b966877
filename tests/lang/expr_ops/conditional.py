# Conditional expressions evaluate only the chosen branch.
def side(x):
    print("side", x)
    return x
print(side("a") if True else side("b"))
print(side("a") if 0 else side("b"))
x = 5
print("big" if x > 3 else "small", "even" if x % 2 == 0 else "odd")
