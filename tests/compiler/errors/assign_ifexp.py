first if ok else second = 9
