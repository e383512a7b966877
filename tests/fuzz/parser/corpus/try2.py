try:
    1/0
except ZeroDivisionError, TypeError:
    pass
