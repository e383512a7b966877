# An uncaught AssertionError without a message.
x = 3
assert x == 4
