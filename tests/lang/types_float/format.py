# format() of floats with every presentation type.
for spec in ("", "f", ".3f", "e", ".2E", "g", ".3g", "G", "%", ".1%", "10.2f", "<10.1f", "+.1f", " .1f", "010.3f", ",.2f", "_.1f", "#.0f", ".0e", "n", "r" if False else "^12.4"):
    print(repr(spec), format(12345.6789, spec), format(-0.000123, spec))
print(format(float("inf"), "f"), format(float("nan"), "E"), format(-0.0, ""), format(1e300 * 1e10, "+"))
