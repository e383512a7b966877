# except* handles part of a group; the rest propagates as an uncaught group.
try:
    raise ExceptionGroup("mixed", [ValueError("v"), KeyError("k")])
except* ValueError:
    print("handled the ValueError")
