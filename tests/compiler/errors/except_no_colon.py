try:
    risky()
except OSError
    pass
