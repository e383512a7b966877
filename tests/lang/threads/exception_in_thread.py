# An uncaught exception in a start_new_thread thread goes to sys.unraisablehook; the process continues.
import _thread
import sys
seen = []
reported = _thread.allocate_lock()
reported.acquire()
def hook(info):
    seen.append((info.exc_type.__name__, str(info.exc_value), info.err_msg.split(" <")[0]))
    reported.release()
sys.unraisablehook = hook
def bad():
    raise ValueError("thread failure")
_thread.start_new_thread(bad, ())
reported.acquire()
print(seen)
print("main continues")
