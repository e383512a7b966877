# int operators over a matrix of operands: signs, zero, 64-bit boundaries, big values and bools.
vals = [0, 1, -1, 7, -7, True, False, 2 ** 63 - 1, -2 ** 63, 2 ** 64, -(2 ** 100) + 3, 10 ** 30]
ops = [('//', lambda a, b: a // b), ('%', lambda a, b: a % b), ('divmod', divmod), ('<<', lambda a, b: a << (b % 200 if b > 200 else b)),
       ('>>', lambda a, b: a >> b), ('&', lambda a, b: a & b), ('|', lambda a, b: a | b), ('^', lambda a, b: a ^ b),
       ('pow3', lambda a, b: pow(a, b, 1000000007)), ('pow', lambda a, b: a ** b if -64 <= b <= 64 else None), ('/', lambda a, b: a / b)]
for name, op in ops:
    for a in vals:
        row = []
        for b in vals:
            try:
                row.append(repr(op(a, b)))
            except Exception as e:
                row.append(type(e).__name__)
        print(name, repr(a), ' '.join(row))
