# A truthy __exit__ return suppresses the exception.
class Suppress:
    def __enter__(self): return self
    def __exit__(self, t, v, tb):
        print("exit saw", t.__name__ if t else None)
        return t is not None and issubclass(t, KeyError)
with Suppress():
    raise KeyError("gone")
print("after suppressed")
try:
    with Suppress():
        raise ValueError("kept")
except ValueError as e:
    print("propagated", e)
