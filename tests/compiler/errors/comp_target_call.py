squares = [v for square(v) in values]
