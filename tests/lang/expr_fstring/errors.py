# Format spec errors raised while formatting an f-string.
for spec in ("d", "x", "Q", ".2s", ",s"):
    try:
        print(format(1.5 if spec in "dx" else (7 if spec != ".2s" and spec != ",s" else "str"), spec))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    f"{'abc':d}"
except ValueError as e:
    print(type(e).__name__, e)
try:
    f"{object():>{'z'}}"
except (ValueError, TypeError) as e:
    print(type(e).__name__, e)
