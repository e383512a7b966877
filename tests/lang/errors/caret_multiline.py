# A failing expression spanning several lines shows all its lines.
def f(a, b):
    return a / b
total = f(
    10,
    0,
)
