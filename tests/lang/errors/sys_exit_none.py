# raise SystemExit with None exits with status 0.
import sys
print("bye")
try:
    sys.exit()
finally:
    print("finally runs before exit")
