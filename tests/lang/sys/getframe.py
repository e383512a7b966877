# sys._getframe with depth and errors for too-deep requests.
import sys
def a(): return b()
def b(): return [sys._getframe(i).f_code.co_name for i in range(3)]
print(a())
try:
    sys._getframe(1000)
except ValueError as e:
    print(type(e).__name__, e)
