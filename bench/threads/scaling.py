# bench/threads/scaling.py: how CPU-bound Python code scales with threads (weak scaling: every thread
# does the same amount of work, so perfect scaling keeps the wall time flat).
#
# Usage: scaling.py [MAX_THREADS] [WORK]
# Each thread builds and checks binary trees (allocation-heavy, like the C-level demo) and runs an
# integer loop, WORK rounds of each. For 1..MAX_THREADS threads the table shows the wall time, the
# speedup N * t1 / tN and the efficiency speedup / N. Any Python 3.13+ runs it (it uses only _thread
# and time), so the same file compares ftpy with CPython: under a global interpreter lock the speedup
# stays near 1. Timing only; it asserts nothing beyond the computed checksums.
import _thread
import sys
import time


def make_tree(depth):
    if depth == 0:
        return (None, None)
    return (make_tree(depth - 1), make_tree(depth - 1))


def check_tree(node):
    left, right = node
    if left is None:
        return 1
    return 1 + check_tree(left) + check_tree(right)


def integer_loop(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def work(rounds):
    checksum = 0
    for _ in range(rounds):
        checksum += check_tree(make_tree(10))
        checksum += integer_loop(20000)
    return checksum


def run(threads, rounds):
    results = [None] * threads

    def worker(index):
        results[index] = work(rounds)

    start = time.perf_counter()
    handles = [_thread.start_joinable_thread(lambda i=i: worker(i)) for i in range(threads)]
    for handle in handles:
        handle.join()
    elapsed = time.perf_counter() - start
    expected = work(1) * rounds
    if any(r != expected for r in results):
        raise SystemExit("wrong checksum: %r, expected %d each" % (results, expected))
    return elapsed


def main():
    max_threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    impl = sys.implementation.name
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    print("%s %d.%d, GIL %s: %d rounds per thread" % (impl, sys.version_info[0], sys.version_info[1],
                                                    "enabled" if gil else "disabled", rounds))
    print("threads   wall time   speedup   efficiency")
    base = None
    for n in range(1, max_threads + 1):
        elapsed = min(run(n, rounds) for _ in range(2))
        if base is None:
            base = elapsed
        speedup = n * base / elapsed
        print("%7d   %7.3f s   %6.2fx   %9.0f%%" % (n, elapsed, speedup, 100 * speedup / n))


main()
