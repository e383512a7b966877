pair = zip(keys, v for v in vals)
