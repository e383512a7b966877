size = big if wide
