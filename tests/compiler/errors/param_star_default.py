def va(*rest=()):
    pass
