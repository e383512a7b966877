launch(*args = rest)
