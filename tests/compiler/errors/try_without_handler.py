try:
    risky()
value = 3
