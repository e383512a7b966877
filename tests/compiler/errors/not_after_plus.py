delta = 5 + not flag
