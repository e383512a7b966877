resize(width=, height=10)
