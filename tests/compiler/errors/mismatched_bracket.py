coords = (1, 2]
