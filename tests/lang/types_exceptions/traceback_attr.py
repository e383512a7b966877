# __traceback__ is set when raised, None for fresh exceptions, and accumulates frames.
e = ValueError()
print(e.__traceback__)
def f(): raise e
try:
    f()
except ValueError:
    pass
n = 0
tb = e.__traceback__
while tb:
    n += 1
    tb = tb.tb_next
print(n)
try:
    e.__traceback__ = 5
except TypeError as err:
    print(type(err).__name__, err)
