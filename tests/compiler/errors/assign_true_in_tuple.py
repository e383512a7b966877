left, True = pair
