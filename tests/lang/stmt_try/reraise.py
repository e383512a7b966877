# Bare raise re-raises the current exception; nested handlers restore the outer one.
def f():
    try:
        raise ValueError("inner")
    except ValueError:
        try:
            raise KeyError("k")
        except KeyError:
            pass
        raise
try:
    f()
except Exception as e:
    print(type(e).__name__, e)
try:
    raise
except RuntimeError as e:
    print(type(e).__name__, e)
