# _thread.exit() and SystemExit end a thread quietly.
import _thread
out = []
def a():
    out.append("a start")
    _thread.exit()
    out.append("never")
def b():
    out.append("b start")
    raise SystemExit
for f in (a, b):
    h = _thread.start_joinable_thread(f)
    h.join()
print(out)
