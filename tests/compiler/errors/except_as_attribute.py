try:
    risky()
except KeyError as self.err:
    pass
