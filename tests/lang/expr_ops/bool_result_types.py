# and/or return operands of any type; not always returns bool.
print(repr(0 or ""), repr("" or 0), repr([] and 1), repr(None or [] or 0.0), repr(1 and "x"), repr(not 5), repr(not ""))
