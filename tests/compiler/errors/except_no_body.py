try:
    risky()
except ValueError:
handle()
