# A custom sys.excepthook receives uncaught exceptions; exit status stays 1.
import sys
def hook(t, v, tb):
    print("hook:", t.__name__, v, type(tb).__name__)
sys.excepthook = hook
print(sys.__excepthook__ is not hook)
raise ValueError("handled by hook")
