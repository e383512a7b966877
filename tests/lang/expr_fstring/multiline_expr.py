# f-strings with multi-line expressions, lambdas in parentheses and comments.
x = 3
s = f"""result: {
    x * 2  # a comment
} and {(lambda y: y + 1)(x)}"""
print(s)
print(f"{x if x > 2 else 'small'} {[i for i in range(x)]} {x:{'>'}5}")
