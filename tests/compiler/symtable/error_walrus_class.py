class C:
    values = [(last := v) for v in range(3)]
