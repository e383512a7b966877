# complex ** with integer, float and complex exponents around the repeated-squaring limit of 100.
bases = [1 + 1j, -1j, 0.5 - 0.5j, 2 + 0j, complex(0, -0.0), -1 + 0j, 1e10 + 1e10j, 1e-10j]
exps = [0, 1, 2, 3, -1, -2, 7, 99, 100, 101, -100, -101, 200, 1000, 0.5, -0.5, 2.0, 100.0, 1j, -1j, 1 + 1j, 1e-300, 1e300, -1e300]
for b in bases:
    row = []
    for e in exps:
        try:
            row.append(repr(b ** e))
        except Exception as ex:
            row.append(type(ex).__name__ + ':' + str(ex))
    print(repr(b), ' '.join(row))
print(pow(1 + 1j, 2), pow(2, 1j), pow(0j, 0), pow(0j, 0j), pow(0.0, 1j) if False else 0, (-8) ** (1 / 3), (-1) ** 0.5, 4 ** 0.5j)
