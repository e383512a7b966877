# sys.exit from a function raises SystemExit that can be caught.
import sys
def leave():
    sys.exit(0)
try:
    leave()
except SystemExit as e:
    print("caught SystemExit", e.code)
