10 = total
