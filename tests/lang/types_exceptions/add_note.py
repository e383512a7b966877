# add_note and __notes__.
e = ValueError("base")
print(hasattr(e, "__notes__"))
e.add_note("first note")
e.add_note("second")
print(e.__notes__)
try:
    e.add_note(5)
except TypeError as err:
    print(type(err).__name__, err)
try:
    try:
        raise KeyError("k")
    except KeyError as k:
        k.add_note("added in handler")
        raise
except KeyError as k2:
    print(k2.__notes__)
