# format() of ints with every presentation type and grouping.
for spec in ("", "d", "5d", "<5", "^7", "+", " ", "x", "#x", "X", "#o", "b", "#b", "c", ",", "_", "_x", "08,d", "e", ".2f", "%", "n", "=+8"):
    print(repr(spec), repr(format(1234 if spec != "c" else 65, spec)))
print(format(-255, "#x"), format(0, "#b"), format(True, "d"), format(10 ** 20, ","))
try:
    format(1, "s")
except ValueError as e:
    print(type(e).__name__, e)
