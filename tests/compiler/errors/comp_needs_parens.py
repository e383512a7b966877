pairs = [a, b for a, b in rows]
