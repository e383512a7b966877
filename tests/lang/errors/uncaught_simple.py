# An uncaught exception prints a traceback and exits with status 1.
print("before")
raise ValueError("something went wrong")
