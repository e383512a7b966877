# A SyntaxError inside an f-string expression.
x = 1
print(f"{x +}")
