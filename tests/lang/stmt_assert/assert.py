# assert raises AssertionError with the optional message; the message is lazy.
assert True
assert 1 == 1, "never evaluated " + undefined_name_never_looked_up
try:
    assert 1 > 2
except AssertionError as e:
    print(repr(e), e.args)
try:
    assert [], "empty list is falsy"
except AssertionError as e:
    print(repr(e))
try:
    assert False, ("tuple", 1)
except AssertionError as e:
    print(e.args)
