x = not a and b or c < d <= e is not f not in g
