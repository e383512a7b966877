alpha = len(x) = beta = 0
