# Format specs inside f-strings: width, fill, align, sign, precision, types.
x = 3.14159
n = 255
print(f"[{x:.2f}] [{x:10.3f}] [{x:<10.1f}] [{x:^10.2e}] [{x:+.0f}] [{-x:08.2f}]")
print(f"[{n:x}] [{n:#X}] [{n:o}] [{n:#b}] [{n:,}] [{n:_b}] [{n:c}] [{1234567:,d}]")
print(f"[{'s':*^9}] [{'left':<8}] [{'right':>8}] [{0.5:%}] [{0.125:.1%}] [{1e10:g}] [{1e-5:G}]")
print(f"[{12:=+6}] [{-12:=6}] [{12: d}] [{True:d}] [{3:.2f}]")
