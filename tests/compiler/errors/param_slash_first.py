def pos(/, a):
    pass
