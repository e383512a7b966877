# bench/classic/nqueens.py: counts the solutions of the N-queens problem with generators and sets,
# the way pyperformance's bm_nqueens exercises them. Usage: nqueens.py [N]; prints the count.
import sys


def permutations(items):
    # All orderings of items, generated recursively (no itertools: a plain-Python workload).
    if len(items) <= 1:
        yield tuple(items)
        return
    for i in range(len(items)):
        rest = items[:i] + items[i + 1:]
        for tail in permutations(rest):
            yield (items[i],) + tail


def n_queens(n):
    cols = list(range(n))
    for vec in permutations(cols):
        if n == len({vec[i] + i for i in cols}) == len({vec[i] - i for i in cols}):
            yield vec


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    print(sum(1 for _ in n_queens(n)))


main()
