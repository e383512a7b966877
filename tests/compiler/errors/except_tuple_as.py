try:
    risky()
except KeyError, IndexError as err:
    pass
