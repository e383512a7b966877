# Chained comparisons evaluate each operand at most once and short-circuit.
def v(x):
    print("eval", x)
    return x
print(v(1) < v(2) < v(3))
print(v(1) < v(0) < v(3))
print(1 < 2 == 2 > 1 != 5, 1 == 1.0 == True, "a" < "b" <= "b")
print(3 > 2 > 1 > 0 > -1, 1 < 2 > 1)
