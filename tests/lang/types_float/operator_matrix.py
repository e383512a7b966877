# float operators over a matrix of special operands: signed zeros, infinities, NaN, huge ints.
inf, nan = float('inf'), float('nan')
vals = [0.0, -0.0, 1.0, -1.0, 2.5, -7.5, 1e308, 5e-324, inf, -inf, nan, 3, -3, 0, 2 ** 1100]
ops = [('+', lambda a, b: a + b), ('-', lambda a, b: a - b), ('*', lambda a, b: a * b), ('/', lambda a, b: a / b),
       ('//', lambda a, b: a // b), ('%', lambda a, b: a % b), ('divmod', divmod), ('**', lambda a, b: a ** b)]
for name, op in ops:
    for a in vals:
        row = []
        for b in vals:
            if type(a) is int and type(b) is int:
                continue
            try:
                r = op(a, b)
                row.append(repr(r))
            except Exception as e:
                row.append(type(e).__name__)
        print(name, repr(a)[:12], ' '.join(row))
