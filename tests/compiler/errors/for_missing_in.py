for key, value items:
    pass
