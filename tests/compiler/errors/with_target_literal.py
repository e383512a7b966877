with lock as 5:
    pass
