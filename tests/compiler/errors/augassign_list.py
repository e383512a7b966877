[counter] -= 2
