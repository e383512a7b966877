[one, (two, 3)] = data
