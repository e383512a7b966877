del 17
