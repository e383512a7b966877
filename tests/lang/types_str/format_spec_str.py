# format() of strings with alignment, fill and precision.
for spec in ("", "10", "<10", ">10", "^10", "*^11", ".2", "10.3", "=>5"):
    print(repr(format("hello", spec)))
try:
    format("x", "=5")
except ValueError as e:
    print(type(e).__name__, e)
try:
    format("x", "+")
except ValueError as e:
    print(type(e).__name__, e)
