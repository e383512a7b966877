collect(item = x for x in pool)
