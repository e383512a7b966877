first, second += 1
