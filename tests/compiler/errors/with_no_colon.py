with guard
    work()
