# float() parsing of strings and special values; error messages.
print(float(), float("1.5"), float(" -2e3 "), float("inf"), float("-Infinity"), float("nan"), float("1_0.5"), float(7), float(True))
print(float("  .5"), float("5."), float(2 ** 60), float("١.٥"))
for v in ("abc", "", "1.2.3", "1e", None, [1], "0x10"):
    try:
        float(v)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    float(10 ** 400)
except OverflowError as e:
    print(type(e).__name__, e)
