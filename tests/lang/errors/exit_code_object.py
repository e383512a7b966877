# sys.exit with a non-int, non-None object prints it and exits 1.
import sys
sys.exit(["a", 1])
