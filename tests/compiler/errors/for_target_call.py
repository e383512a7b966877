for fetch() in rows:
    pass
