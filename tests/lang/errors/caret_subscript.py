# Carets under a failing subscript.
data = {"a": [1, 2, 3]}
value = data["a"][10]
