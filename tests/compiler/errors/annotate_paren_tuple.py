(low, high): tuple
