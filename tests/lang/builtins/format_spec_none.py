# format(value, spec) with a spec that is not a str names None as "None".
for spec in (None, 1, b"x"):
    for value in (1, "s", 1.5, object(), [], None):
        try:
            format(value, spec)
        except Exception as e:
            print(type(e).__name__, e)
print(format(3), format(3, ""), format("x", ">3"))
