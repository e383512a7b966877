# Floor division and modulo of floats with negative zero and infinities.
for a, b in ((5.0, float("inf")), (-5.0, float("inf")), (0.0, -3.0), (-0.0, 3.0), (7.0, -0.5)):
    print(a, b, a // b, a % b)
