# The = specifier preserves the expression text and spacing.
a = 5
b = [1, 2]
print(f"{a=}", f"{a = }", f"{a=!s}", f"{b[0]=}", f"{a*2=:>5}", f"{'x'=}", f"{len(b)=}")
