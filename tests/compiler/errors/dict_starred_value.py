table = {'a': *items}
