width * 2 = area
