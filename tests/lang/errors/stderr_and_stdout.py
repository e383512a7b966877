# Output printed before an uncaught exception is kept; stderr holds the traceback.
import sys
print("out 1")
print("err 1", file=sys.stderr)
print("out 2")
raise IndexError("last")
