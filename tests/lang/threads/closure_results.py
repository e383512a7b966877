# Threads write results into per-thread slots of a shared list; main combines them.
import _thread
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
res = [None] * 4
hs = []
for i in range(4):
    def run(i=i):
        res[i] = fib(15 + i)
    hs.append(_thread.start_joinable_thread(run))
for h in hs:
    h.join()
print(res)
