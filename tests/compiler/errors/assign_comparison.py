a < b = flag
