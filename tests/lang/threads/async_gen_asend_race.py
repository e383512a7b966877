# Threads racing asend() awaitables of one async generator: one drives it at a time, the others get RuntimeError.
import _thread

yields = [0]

async def agen():
    while True:
        total = 0
        for i in range(50):
            total += i
        yields[0] += 1
        yield total

g = agen()
THREADS = 4
ROUNDS = 1500
results = [None] * THREADS

def worker(k):
    ok = 0
    refused = 0
    other = []
    for _ in range(ROUNDS):
        aw = g.asend(None)
        try:
            aw.send(None)
        except StopIteration as e:
            if e.value == 1225:
                ok += 1
            else:
                other.append(("value", e.value))
        except RuntimeError as e:
            if str(e) == "anext(): asynchronous generator is already running":
                refused += 1
            else:
                other.append(("RuntimeError", str(e)))
        except BaseException as e:
            other.append((type(e).__name__, str(e)))
    results[k] = (ok, refused, other)

handles = [_thread.start_joinable_thread(lambda k=k: worker(k)) for k in range(THREADS)]
for h in handles:
    h.join()

ok = sum(r[0] for r in results)
refused = sum(r[1] for r in results)
others = [o for r in results for o in r[2]]
print("every attempt accounted for:", ok + refused == THREADS * ROUNDS)
print("unexpected outcomes:", others[:3])
print("successes match the generator's yields:", ok == yields[0])
print("running afterwards:", g.ag_running)
print("next value:", end=" ")
try:
    g.asend(None).send(None)
except StopIteration as e:
    print(e.value)
