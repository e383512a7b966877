# sys.stdout and sys.stderr write() and flush(); write returns the character count.
import sys
n = sys.stdout.write("written directly\n")
print(n)
sys.stderr.write("to stderr\n")
sys.stdout.flush()
print(sys.stdout.encoding, sys.stderr.encoding, sys.stdin is not None)
