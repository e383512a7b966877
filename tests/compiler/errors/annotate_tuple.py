left, right: int = 1, 2
