# sys.exit(n) exits with status n without a traceback.
import sys
print("exiting with 3")
sys.exit(3)
