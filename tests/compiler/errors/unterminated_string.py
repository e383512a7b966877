name = 'unfinished
