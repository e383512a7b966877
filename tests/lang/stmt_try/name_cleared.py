# The 'as' name is deleted at the end of the except clause.
e = "outer"
try:
    1 / 0
except ZeroDivisionError as e:
    print(type(e).__name__)
try:
    print(e)
except NameError as err:
    print(type(err).__name__, err)
