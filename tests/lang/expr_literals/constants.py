# Constants: None, True, False, Ellipsis, __debug__, NotImplemented.
print(None, True, False, ..., Ellipsis, __debug__, NotImplemented)
print(... is Ellipsis, type(...).__name__, type(NotImplemented).__name__, type(None).__name__)
print(True + True, False * 5, True / 2, int(True), str(False))
