# int() truncates floats; float() of big ints rounds; is_integer and floor semantics.
print(int(1e20), int(-1e-5), int(2.5), int(-2.5), float(2 ** 53 + 1), float(10 ** 20), 1e20 == 10 ** 20)
print(int(1.9999999999999999), (0.1).as_integer_ratio()[1] == 2 ** 55, float("1e500"), -float("1e500"))
