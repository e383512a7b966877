[slot]: str
