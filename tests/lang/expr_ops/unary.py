# Unary minus, plus, invert and not on different types.
print(-5, +5, -(-5), ~0, -0.0, +True, -True, ~True, not 0, not None)
print(-(2 ** 64), -1.5, +(-2.5), -complex(1, 2))
for v in ("s", [1], None):
    try:
        -v
    except TypeError as e:
        print(e)
try:
    ~1.5
except TypeError as e:
    print(e)
