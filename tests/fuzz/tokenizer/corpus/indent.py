# Indentation, blank lines, comments and continuation lines.
def f(a,
      b):  # trailing comment
    if a:
        pass
    elif b: return 1

    # a comment at another depth
        # and another
    x = [1,
  2,
         3]
    y = 1 + \
        2
  # dedent comment
    return x
class C:
    \
    z = 1
