# An uncaught exception in a joinable thread is reported through _thread._excepthook.
import _thread
import sys
got = []
def hook(info):
    got.append(type(info.exc_value).__name__)
sys.unraisablehook = hook
def boom():
    raise KeyError("k")
h = _thread.start_joinable_thread(boom)
h.join()
print("main continues", got)
