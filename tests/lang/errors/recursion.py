# Uncaught RecursionError shows a traceback with repeated-frames collapsing.
def down(n):
    return down(n + 1)
down(0)
