x = 1
ab€ = 2
