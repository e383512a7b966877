# and / or return an operand and short-circuit; not returns a bool.
def t(x):
    print("t", x)
    return x
print(t(0) and t(1))
print(t(2) and t(3))
print(t(0) or t(4))
print(t(5) or t(6))
print([] or {} or "last", 1 and [] and 2, not [], not "x")
