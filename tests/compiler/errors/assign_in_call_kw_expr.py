report(size + 1 = 4)
