fn = lambda *a, *b: 0
