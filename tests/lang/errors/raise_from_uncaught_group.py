# An ExceptionGroup with a note and a cause, uncaught.
try:
    raise OSError("disk")
except OSError as e:
    eg = ExceptionGroup("io problems", [ValueError("bad"), e])
    eg.add_note("while saving")
    raise eg from e
