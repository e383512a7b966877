# breakpoint() calls sys.breakpointhook with its arguments; sys.__breakpointhook__ is the original.
import sys
def hook(*args, **kwargs):
    print("hook", args, sorted(kwargs.items()))
    return "result"
print(sys.breakpointhook is sys.__breakpointhook__)
sys.breakpointhook = hook
print(breakpoint(1, x=2))
print(breakpoint())
sys.breakpointhook = lambda: 42
print(breakpoint())
try:
    breakpoint(1)
except TypeError as e:
    print(type(e).__name__, e)
sys.breakpointhook = 5
try:
    breakpoint()
except TypeError as e:
    print(type(e).__name__, e)
del sys.breakpointhook
try:
    breakpoint()
except RuntimeError as e:
    print(type(e).__name__, e)
sys.breakpointhook = sys.__breakpointhook__
print(callable(breakpoint), breakpoint.__name__)
