total = (1 +
