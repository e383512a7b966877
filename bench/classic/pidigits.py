# bench/classic/pidigits.py: the digits of pi by Gibbons' unbounded spigot (big-integer arithmetic),
# as in the Computer Language Benchmarks Game. Usage: pidigits.py [N]; prints N digits, 10 a line.
import sys


def pi_digits(count):
    q, r, t, k, m, x = 1, 0, 1, 1, 3, 3
    produced = 0
    while produced < count:
        if 4 * q + r - t < m * t:
            yield m
            produced += 1
            q, r, m = 10 * q, 10 * (r - m * t), (10 * (3 * q + r)) // t - 10 * m
        else:
            q, r, t, k, m, x = q * k, (2 * q + r) * x, t * x, k + 1, (q * (7 * k + 2) + r * x) // (t * x), x + 2


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    line = []
    written = 0
    for d in pi_digits(n):
        line.append(str(d))
        written += 1
        if len(line) == 10:
            print("".join(line) + "\t:" + str(written))
            line = []
    if line:
        print("".join(line).ljust(10) + "\t:" + str(written))


main()
