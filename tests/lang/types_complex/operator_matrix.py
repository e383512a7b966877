# complex operators over a matrix of operands: signed zeros, infinities, NaN, mixed int/float/complex.
inf, nan = float('inf'), float('nan')
vals = [0j, complex(-0.0, -0.0), 1j, 1 + 2j, -3.5 + 0.5j, complex(inf, 0), complex(0, inf), complex(nan, 1), complex(1e300, 1e300), 2, -0.0, 2.5, inf]
ops = [('+', lambda a, b: a + b), ('-', lambda a, b: a - b), ('*', lambda a, b: a * b), ('/', lambda a, b: a / b), ('**', lambda a, b: a ** b)]
for name, op in ops:
    for a in vals:
        row = []
        for b in vals:
            if not isinstance(a, complex) and not isinstance(b, complex):
                continue
            try:
                row.append(repr(op(a, b)))
            except Exception as e:
                row.append(type(e).__name__)
        print(name, repr(a), ' '.join(row))
print([abs(z) for z in vals if isinstance(z, complex)], [-z for z in vals], [z == z for z in vals])
