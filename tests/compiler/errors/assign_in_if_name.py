if status = 200:
    ok()
