value = 3)
