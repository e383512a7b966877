configure(verbose=1, None=0)
