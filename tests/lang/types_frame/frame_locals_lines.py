# Frame f_lineno tracks the current line; f_locals reflects local variables.
import sys
def f():
    a = 1
    l1 = sys._getframe().f_lineno
    b = 2
    l2 = sys._getframe().f_lineno
    return l2 - l1, sorted(sys._getframe().f_locals)
print(f())
def g():
    return sys._getframe().f_code is g.__code__
print(g())
