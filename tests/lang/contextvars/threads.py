# Each thread starts with an empty context; one Context can run in only one thread at a time.
import _thread
import _contextvars as cv
var = cv.ContextVar("var", default="unset")
var.set("main")
results = {}
lock = _thread.allocate_lock()
def worker(n):
    before = var.get()
    var.set(n)
    total = 0
    for i in range(2000):
        if var.get() != n:
            total += 1
    with lock:
        results[n] = (before, var.get(), total)
hs = [_thread.start_joinable_thread(lambda n=n: worker(n)) for n in range(4)]
for h in hs:
    h.join()
print(sorted(results.items()), var.get())
shared = cv.Context()
started = _thread.allocate_lock()
release = _thread.allocate_lock()
started.acquire()
release.acquire()
def hold():
    started.release()
    release.acquire()
    return "held"
outcome = []
def runner():
    outcome.append(shared.run(hold))
h = _thread.start_joinable_thread(runner)
started.acquire()
try:
    shared.run(print, "should not run")
except RuntimeError as e:
    outcome.append(str(e).split(" <")[0])
release.release()
h.join()
print(outcome)
