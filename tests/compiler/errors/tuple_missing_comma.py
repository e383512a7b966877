point = (x y)
