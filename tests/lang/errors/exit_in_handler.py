# sys.exit inside an except block still exits with the given code.
import sys
try:
    raise ValueError("ignored")
except ValueError:
    print("handling")
    sys.exit(4)
