try:
risky()
