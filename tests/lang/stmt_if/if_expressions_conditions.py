# if conditions can be any expression: calls, comparisons, walrus, membership.
vals = [3, 0, 7]
if (m := max(vals)) > 5 and 0 in vals:
    print("max", m)
if not vals[1]:
    print("second is falsy")
if vals.count(3) == 1 if vals else False:
    print("conditional expression condition")
if [] or {} or ():
    print("never")
elif None is None:
    print("elif taken")
