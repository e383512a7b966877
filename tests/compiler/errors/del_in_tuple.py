del alpha, (beta, 3)
