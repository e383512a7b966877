configure(True=1)
